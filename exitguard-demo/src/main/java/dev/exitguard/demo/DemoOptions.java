package dev.exitguard.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo's command line, read strictly: an unknown flag or a bad value is an error naming it. */
record DemoOptions(int port, Optional<Path> journal, Optional<Duration> exitAfter, int clients, Duration preStop,
        Duration flushEvery, Optional<Path> report, boolean help) {

    static final String USAGE = String.join("\n",
            "usage: java -jar exitguard-demo.jar [options]",
            "",
            "An order-intake service on loopback whose exit is guarded by exitguard. It runs until",
            "Ctrl-C (or SIGTERM), then stops intake, drains, flushes its journal, closes, and prints",
            "the exit report and how many acknowledged orders reached the journal.",
            "",
            "  --exit-after <duration>  send load at the service, then SIGTERM itself after this",
            "                           long, and end with the verdict (e.g. 3s, 500ms)",
            "  --clients <n>            concurrent clients of --exit-after's load (default 4)",
            "  --port <n>               port on 127.0.0.1 (default 0: any free port)",
            "  --journal <file>         the journal file (default: a new file in a temporary folder)",
            "  --pre-stop <duration>    pause after readiness goes off, before draining (default 0ms)",
            "  --flush-every <duration> how often the background flusher writes the buffer (default 200ms)",
            "  --report <file>          also write the exit report as JSON to this file",
            "  --help                   print this help",
            "",
            "Requests: POST /orders (body: what is ordered) -> 202 and the order's id, or 503 once",
            "stopping; GET /ready -> 200 or 503; GET /stats.",
            "Exit codes: 130 after Ctrl-C, 143 after SIGTERM, 2 for a bad flag; with --exit-after, 0 when",
            "every exit action succeeded and no acknowledged order was lost, 1 otherwise.");

    /** Every flag but --help; each takes a value. */
    private static final Set<String> WITH_VALUES = Set.of("--port", "--journal", "--exit-after", "--clients",
            "--pre-stop", "--flush-every", "--report");

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

    /** Thrown for a bad command line; its message names the flag and the value. */
    static final class BadOption extends Exception {
        private static final long serialVersionUID = 1L;

        BadOption(String message) {
            super(message);
        }
    }

    static DemoOptions parse(List<String> args) throws BadOption {
        int port = 0;
        Optional<Path> journal = Optional.empty();
        Optional<Duration> exitAfter = Optional.empty();
        int clients = 4;
        Duration preStop = Duration.ZERO;
        Duration flushEvery = Duration.ofMillis(200);
        Optional<Path> report = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--help") || flag.equals("-h")) {
                return new DemoOptions(port, journal, exitAfter, clients, preStop, flushEvery, report, true);
            }
            if (!flag.startsWith("--")) {
                throw new BadOption("unexpected argument [" + flag + "]");
            }
            if (!WITH_VALUES.contains(flag)) {
                throw new BadOption("unknown flag " + flag);
            }
            if (i + 1 >= args.size()) {
                throw new BadOption(flag + " needs a value");
            }
            String value = args.get(++i);
            switch (flag) {
                case "--port": port = integer(flag, value, 0, 65535); break;
                case "--journal": journal = Optional.of(Path.of(value)); break;
                case "--exit-after": exitAfter = Optional.of(duration(flag, value)); break;
                case "--clients": clients = integer(flag, value, 1, 64); break;
                case "--pre-stop": preStop = duration(flag, value); break;
                case "--flush-every": flushEvery = positive(flag, value, duration(flag, value)); break;
                case "--report": report = Optional.of(Path.of(value)); break;
                default: throw new AssertionError("a flag in WITH_VALUES without a case: " + flag);
            }
        }
        return new DemoOptions(port, journal, exitAfter, clients, preStop, flushEvery, report, false);
    }

    private static int integer(String flag, String value, int min, int max) throws BadOption {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new BadOption(flag + " must be between " + min + " and " + max + ", but was " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadOption(flag + " needs a whole number, but was [" + value + "]");
        }
    }

    private static Duration duration(String flag, String value) throws BadOption {
        Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new BadOption(flag + " needs a duration such as 3s or 500ms, but was [" + value + "]");
        }
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
            case "ms": return Duration.ofMillis(amount);
            case "s": return Duration.ofSeconds(amount);
            default: return Duration.ofMinutes(amount);
        }
    }

    private static Duration positive(String flag, String value, Duration duration) throws BadOption {
        if (duration.isZero()) {
            throw new BadOption(flag + " must be positive, but was [" + value + "]");
        }
        return duration;
    }
}
