package dev.exitguard.core;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints what an application will do at exit, without running or installing anything: the
 * actions and triggers that {@link java.util.ServiceLoader} finds on the class path (or module
 * path) it is started with, validated as at install.
 *
 * <pre>{@code
 * java -cp "app.jar:lib/*" dev.exitguard.core.PrintExitPlan          # text
 * java -cp "app.jar:lib/*" dev.exitguard.core.PrintExitPlan --json   # JSON
 * }</pre>
 *
 * <p>Exit code 0 with the plan on standard output; 1 when the configuration is invalid (every
 * problem on standard error, as install would report it); 2 for a bad argument. System properties
 * ({@code -Dexitguard.deadline=...}) apply as they would at install.
 *
 * @since 0.1
 */
public final class PrintExitPlan {

    private PrintExitPlan() {
    }

    /**
     * Prints the plan.
     *
     * @param args {@code --json} for JSON, {@code --help} for usage
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean json = false;
        for (String arg : args) {
            switch (arg) {
                case "--json":
                    json = true;
                    break;
                case "--help":
                case "-h":
                    out.println(usage());
                    return 0;
                default:
                    err.println("unknown argument [" + arg + "]\n" + usage());
                    return 2;
            }
        }
        ExitPlan plan;
        try {
            plan = ExitGuard.builder().build().plan();
        } catch (ExitConfigurationException e) {
            err.println(e.getMessage());
            return 1;
        }
        out.print(json ? plan.toJson() : plan.toText() + "\n");
        return 0;
    }

    private static String usage() {
        return "usage: java -cp <your application's class path> dev.exitguard.core.PrintExitPlan [--json]\n"
                + "Prints the exit actions and triggers found on the class path, phase by phase, as the\n"
                + "coordinator would run them, without running or installing anything.\n"
                + "  --json   print the plan as JSON\n"
                + "  --help   print this help";
    }
}
