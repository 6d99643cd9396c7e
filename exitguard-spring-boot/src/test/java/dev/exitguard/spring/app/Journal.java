package dev.exitguard.spring.app;

import org.springframework.stereotype.Component;

/** A service the exit action bean is given by injection; it has nothing to close. */
@Component
public class Journal {

    public void flush(String by) {
        Events.record("journal flushed by " + by);
    }
}
