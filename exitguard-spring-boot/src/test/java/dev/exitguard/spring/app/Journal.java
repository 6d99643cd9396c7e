package dev.exitguard.spring.app;

import dev.exitguard.testkit.InChild;
import org.springframework.stereotype.Component;

/** A service the exit action bean is given by injection; it has nothing to close. */
@Component
public class Journal {

    public void flush(String by) {
        InChild.record("journal flushed by " + by);
    }
}
