package dev.exitguard.demo;

import dev.exitguard.core.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The demo's command line, read strictly by picocli: an unknown flag or a bad value is an error
 * naming it, with the flags it may have meant. Durations read as the {@code exitguard.*}
 * properties read them ({@link Durations}): {@code --exit-after 1m30s} means what
 * {@code -Dexitguard.deadline=1m30s} does.
 */
record DemoOptions(int port, Optional<Path> journal, Optional<Duration> exitAfter, int clients, Duration preStop,
        Duration flushEvery, Optional<Path> report, boolean help) {

    private static final Set<String> HELP = Set.of("-h", "--help");

    /** Thrown for a bad command line; its message names the flag and the value. */
    static final class BadOption extends Exception {
        private static final long serialVersionUID = 1L;

        BadOption(String message) {
            super(message);
        }
    }

    static DemoOptions parse(List<String> args) throws BadOption {
        // Help wins over what follows it, but the flags before it are still read: a typo there is
        // named, not hidden behind the help.
        int help = helpAt(args);
        Flags flags = new Flags();
        CommandLine line = commandLine(flags);
        try {
            line.parseArgs(args.subList(0, help).toArray(String[]::new));
        } catch (ParameterException e) {
            throw new BadOption(withSuggestions(e));
        }
        return flags.options(help < args.size());
    }

    private static int helpAt(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (HELP.contains(args.get(i))) {
                return i;
            }
        }
        return args.size();
    }

    /** The usage, as {@code --help} prints it. */
    static String usage() {
        return commandLine(new Flags()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static CommandLine commandLine(Flags flags) {
        return new CommandLine(flags)
                .registerConverter(Duration.class, DemoOptions::duration)
                // A later flag overrides an earlier one, so a script can append to a command line.
                .setOverwrittenOptionsAllowed(true);
    }

    private static Duration duration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /**
     * The error, and on a line of its own the flags an unknown one may have meant: those one or two
     * typing slips away (a letter wrong, missing, extra, or two swapped: {@code --prot}), else
     * picocli's own guesses, which look for shared letter pairs and so miss a swap.
     */
    private static String withSuggestions(ParameterException e) {
        if (!(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        String typed = unmatched.getUnmatched().get(0);
        List<String> near = e.getCommandLine().getCommandSpec().options().stream()
                .flatMap(option -> Arrays.stream(option.names()))
                .filter(name -> name.length() > 2 && Typos.distance(typed, name) <= 2)
                .sorted(Comparator.comparingInt((String name) -> Typos.distance(typed, name)))
                .collect(Collectors.toList());
        List<String> suggestions = near.isEmpty() ? unmatched.getSuggestions() : near;
        if (suggestions.isEmpty()) {
            return e.getMessage();
        }
        return e.getMessage() + "\nDid you mean: " + String.join(" or ", suggestions) + "?";
    }

    @Command(name = "java -jar exitguard-demo.jar",
            customSynopsis = "java -jar exitguard-demo.jar [options]",
            synopsisHeading = "usage: ",
            description = {
                "",
                "An order-intake service on loopback whose exit is guarded by exitguard. It runs until Ctrl-C"
                    + " (or SIGTERM), then stops intake, drains, flushes its journal, closes, and prints the exit"
                    + " report and how many acknowledged orders reached the journal.",
                ""},
            optionListHeading = "",
            sortOptions = false,
            footerHeading = "%n",
            footer = {
                "Durations read as the exitguard.* properties do: 3s, 500ms, 1m30s, PT1M30S.",
                "",
                "Requests: POST /orders (body: what is ordered) -> 202 and the order's id, or 503 once stopping;"
                    + " GET /ready -> 200 or 503; GET /stats.",
                "",
                "Exit codes: 130 after Ctrl-C, 143 after SIGTERM, 2 for a bad flag; with --exit-after, 0 when"
                    + " every exit action succeeded and no acknowledged order was lost, 1 otherwise."})
    static final class Flags {

        @Spec
        CommandSpec spec;

        @Option(names = "--exit-after", paramLabel = "<duration>", order = 0, description = {
            "send load at the service, then SIGTERM itself after this long, and end with the verdict"
                + " (e.g. 3s, 500ms, 1m30s)"})
        Duration exitAfter;

        private int clients = 4;
        private int port;

        @Option(names = "--journal", paramLabel = "<file>", order = 3,
                description = "the journal file (default: a new file in a temporary folder)")
        Path journal;

        @Option(names = "--pre-stop", paramLabel = "<duration>", order = 4,
                description = "pause after readiness goes off, before draining (default 0ms)")
        Duration preStop = Duration.ZERO;

        private Duration flushEvery = Duration.ofMillis(200);

        @Option(names = "--report", paramLabel = "<file>", order = 6,
                description = "also write the exit report as JSON to this file")
        Path report;

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 7, description = "print this help")
        boolean help;

        @Option(names = "--clients", paramLabel = "<n>", order = 1,
                description = "concurrent clients of --exit-after's load, 1 to 64 (default 4)")
        void clients(int value) {
            clients = inRange("--clients", value, 1, 64);
        }

        @Option(names = "--port", paramLabel = "<n>", order = 2,
                description = "port on 127.0.0.1 (default 0: any free port)")
        void port(int value) {
            port = inRange("--port", value, 0, 65535);
        }

        @Option(names = "--flush-every", paramLabel = "<duration>", order = 5,
                description = "how often the background flusher writes the buffer (default 200ms)")
        void flushEvery(Duration value) {
            if (value.isZero()) {
                throw invalid("--flush-every", "must be positive, but was 0ms");
            }
            flushEvery = value;
        }

        private int inRange(String flag, int value, int min, int max) {
            if (value < min || value > max) {
                throw invalid(flag, "must be between " + min + " and " + max + ", but was " + value);
            }
            return value;
        }

        private ParameterException invalid(String flag, String problem) {
            return new ParameterException(spec.commandLine(), "Invalid value for option '" + flag + "': " + problem);
        }

        DemoOptions options(boolean helpRequested) {
            return new DemoOptions(port, Optional.ofNullable(journal), Optional.ofNullable(exitAfter), clients,
                    preStop, flushEvery, Optional.ofNullable(report), helpRequested);
        }
    }
}
