package dev.exitguard.spring.app;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;
import dev.exitguard.testkit.InChild;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The app's exit actions as beans. Only where exitguard is on the class path, so that the same app
 * also runs as plain Spring Boot. With {@code app.cycle=true}, two more that wait for each other.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.exitguard.api.ExitAction")
public class ExitActionsConfiguration {

    @Bean
    FlushJournal flushJournal(Journal journal) {
        return new FlushJournal(journal);
    }

    @Bean
    @ConditionalOnProperty("app.cycle")
    ExitAction ship() {
        return new Step("ship", "pack");
    }

    @Bean
    @ConditionalOnProperty("app.cycle")
    ExitAction pack() {
        return new Step("pack", "ship");
    }

    /** In {@code DEFAULT}: after the context has closed, with the journal it was given. */
    public static final class FlushJournal implements ExitAction {
        private final Journal journal;

        FlushJournal(Journal journal) {
            this.journal = journal;
        }

        @Override
        public void run(ExitContext context) {
            journal.flush("flush-journal");
        }

        @Override
        public String name() {
            return "flush-journal";
        }
    }

    static final class Step implements ExitAction {
        private final String name;
        private final String after;

        Step(String name, String after) {
            this.name = name;
            this.after = after;
        }

        @Override
        public void run(ExitContext context) {
            InChild.record(name);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> after() {
            return Set.of(after);
        }
    }
}
