package dev.exitguard.tests.apps.logging;

/** The logging API a child app writes through: Log4j's, SLF4J's or java.util.logging's, by {@code app.log}. */
public interface AppLog {

    /** Logs {@code line} at INFO to the app's logger. */
    void info(String line);

    /** The API named {@code name} ({@code log4j}, {@code slf4j} or {@code jul}); only its classes load. */
    static AppLog named(String name) {
        String type = switch (name) {
            case "log4j" -> "dev.exitguard.tests.apps.logging.Log4jLog";
            case "slf4j" -> "dev.exitguard.tests.apps.logging.Slf4jLog";
            case "jul" -> "dev.exitguard.tests.apps.logging.JulLog";
            default -> throw new IllegalArgumentException("app.log: no logging API named [" + name
                    + "] (log4j, slf4j or jul)");
        };
        try {
            return (AppLog) Class.forName(type).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("app.log: cannot create " + type, e);
        }
    }
}
