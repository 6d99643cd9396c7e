package dev.exitguard.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test moves it, so that times in a report are exact. */
final class FakeTicker implements Ticker {

    static final Instant EPOCH = Instant.parse("2026-01-02T03:04:05Z");

    /** Far from zero, so that a sum or difference of readings taken the wrong way round is far off too. */
    private final AtomicLong nanos = new AtomicLong(1L << 50);
    private final long start = nanos.get();

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant instant() {
        return EPOCH.plusNanos(nanos.get() - start);
    }
}
