package dev.exitguard.core;

import java.util.Random;

/**
 * Random tries that can be run again: each try gets a seed of its own, and a failure names it.
 * {@code -Dexitguard.seed=<seed>} runs that one try alone, in every test that uses this class
 * (pick the test with {@code -Dtest=Class#method}).
 */
final class Seeds {

    static final String PROPERTY = "exitguard.seed";

    private Seeds() {
    }

    interface Try {
        void run(Random random) throws Exception;
    }

    /** Runs {@code body} {@code tries} times, each with a {@link Random} of a seed of its own. */
    static void tries(int tries, Try body) throws Exception {
        Long fixed = Long.getLong(PROPERTY);
        long first = fixed != null ? fixed : new Random().nextLong();
        int count = fixed != null ? 1 : tries;
        for (int i = 0; i < count; i++) {
            long seed = first + i;
            try {
                body.run(new Random(seed));
            } catch (AssertionError | Exception e) {
                throw new AssertionError("failed with seed " + seed + " (run it alone: -D" + PROPERTY + "=" + seed
                        + "): " + e.getMessage(), e);
            }
        }
    }

    /**
     * A string of 1 to {@code maxLength} characters, rich in what breaks JSON and UTF-8: control
     * characters, quotes and backslashes, surrogates alone and in pairs, line separators.
     */
    static String awkwardString(Random random, int minLength, int maxLength) {
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(100);
            if (kind < 30) {
                out.append((char) (0x20 + random.nextInt(0x5f)));
            } else if (kind < 45) {
                out.append((char) (random.nextInt(8) == 0 ? 0x7f : random.nextInt(0x20)));
            } else if (kind < 55) {
                out.append("\"\\/'".charAt(random.nextInt(4)));
            } else if (kind < 70) {
                out.append((char) (0xd800 + random.nextInt(0x800)));
            } else if (kind < 75) {
                out.append(random.nextBoolean() ? '\u2028' : '\u2029');
            } else if (kind < 80) {
                out.appendCodePoint(0x10000 + random.nextInt(0x100000));
            } else {
                out.append((char) random.nextInt(0x10000));
            }
        }
        return out.toString();
    }
}
