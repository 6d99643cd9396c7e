package dev.exitguard.core;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds providers with {@link ServiceLoader}, on the class path and the module path. A broken
 * provider (a missing class, no public no-argument constructor, a constructor that throws, a class
 * of the wrong type) is reported by name and skipped; every other provider still loads.
 */
final class Discovery {

    /** A provider and where it came from, for messages and the plan. */
    record Found<T>(T provider, String source) {
    }

    /** Stops a loader that fails the same way forever (a corrupt service file) from spinning. */
    private static final int MAX_FAILURES = 1_000;

    private Discovery() {
    }

    static <T> List<Found<T>> load(Class<T> service, ClassLoader loader, List<String> warnings) {
        ServiceLoader<T> serviceLoader = loader == null ? ServiceLoader.load(service) : ServiceLoader.load(service, loader);
        Iterator<T> iterator = serviceLoader.iterator();
        List<Found<T>> found = new ArrayList<>();
        int failures = 0;
        String lastFailure = null;
        while (failures < MAX_FAILURES) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                T provider = iterator.next();
                found.add(new Found<>(provider, "ServiceLoader " + origin(provider.getClass())));
            } catch (ServiceConfigurationError e) {
                failures++;
                String message = brokenProvider(service, e);
                if (message.equals(lastFailure)) {
                    // The same error twice in a row: the loader cannot get past it.
                    break;
                }
                lastFailure = message;
                warnings.add(message);
            }
        }
        return found;
    }

    private static String brokenProvider(Class<?> service, ServiceConfigurationError e) {
        StringBuilder text = new StringBuilder("skipped a broken ").append(service.getSimpleName())
                .append(" provider: ").append(e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    /** The module or the jar a class came from: {@code (module acme.app)}, {@code (acme.jar)}. */
    static String origin(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed()) {
            return "(module " + module.getName() + ")";
        }
        CodeSource code = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        URL location = code == null ? null : code.getLocation();
        if (location == null) {
            return "(class path)";
        }
        String path = Objects.toString(location.getPath(), "");
        int slash = path.endsWith("/") ? path.lastIndexOf('/', path.length() - 2) : path.lastIndexOf('/');
        return "(" + path.substring(slash + 1) + ")";
    }
}
