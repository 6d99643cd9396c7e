package dev.exitguard.testkit;

/**
 * The program the kit's own tests start: records {@code started}, prints what it is told, then
 * either says it is ready and waits for a signal ({@code wait}) or exits with a status ({@code exit N}).
 */
public final class EchoMain {

    private EchoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        InChild.record("started " + System.getProperty("echo.label", "unlabelled"));
        System.out.println("first line");
        System.out.println("RESULT one");
        System.out.println("between");
        System.out.println("RESULT two");
        System.err.println("to stderr");
        if (args[0].equals("exit")) {
            System.exit(Integer.parseInt(args[1]));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> InChild.record("hook")));
        InChild.ready();
        InChild.waitForever();
    }
}
