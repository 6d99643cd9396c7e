package dev.exitguard.core;

import java.time.Instant;

/** The two clocks an exit reads: a monotonic one to measure, a wall clock to report. Replaced in tests. */
interface Ticker {

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant instant() {
            return Instant.now();
        }
    };

    long nanoTime();

    Instant instant();
}
