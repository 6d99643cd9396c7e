package dev.exitguard.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
        ClassLoader effective = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        ServiceLoader<T> serviceLoader = effective == null ? ServiceLoader.load(service) : ServiceLoader.load(service, effective);
        Iterator<T> iterator = serviceLoader.iterator();
        List<Found<T>> found = new ArrayList<>();
        List<URL> withByteOrderMark = new ArrayList<>();
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
                URL marked = fileWithByteOrderMark(service, e);
                if (marked != null) {
                    withByteOrderMark.add(marked);
                } else {
                    warnings.add(message);
                }
            }
        }
        for (URL file : withByteOrderMark) {
            loadDespiteByteOrderMark(service, effective, file, found, warnings);
        }
        return found;
    }

    /**
     * The service file a failure is about, if the failure is a UTF-8 byte-order mark at its start:
     * {@link ServiceLoader} then rejects the whole file, as an illegal class name on line 1. An
     * editor on Windows adds the mark without anyone noticing, so such a file is read here instead,
     * with a warning. Only failures are looked at: reading every service file twice would slow
     * every start-up for a rare mistake.
     */
    private static URL fileWithByteOrderMark(Class<?> service, ServiceConfigurationError e) {
        String message = e.getMessage();
        String prefix = service.getName() + ": ";
        String marker = ":1: Illegal provider-class name: \uFEFF";
        int at = message == null ? -1 : message.indexOf(marker);
        if (at < 0 || !message.startsWith(prefix)) {
            return null;
        }
        try {
            return new URL(message.substring(prefix.length(), at));
        } catch (java.net.MalformedURLException malformed) {
            return null;
        }
    }

    private static <T> void loadDespiteByteOrderMark(Class<T> service, ClassLoader loader, URL file, List<Found<T>> found,
            List<String> warnings) {
        warnings.add("service file " + file + " starts with a byte-order mark, which ServiceLoader rejects;"
                + " its providers were loaded anyway; save it as UTF-8 without one");
        List<String> names = new ArrayList<>();
        try (InputStream in = file.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).substring(1);
            for (String line : text.split("\\R")) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            warnings.add("could not read service file " + file + ": " + e);
            return;
        }
        for (String name : names) {
            if (isFound(found, name)) {
                continue;
            }
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (!service.isAssignableFrom(type)) {
                    warnings.add("skipped a broken " + service.getSimpleName() + " provider: " + name
                            + " in " + file + " is not a " + service.getName());
                    continue;
                }
                T provider = service.cast(type.getConstructor().newInstance());
                found.add(new Found<>(provider, "ServiceLoader " + origin(type)));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
                warnings.add("skipped a broken " + service.getSimpleName() + " provider: " + name + " in " + file
                        + " could not be loaded: " + cause);
            }
        }
    }

    private static boolean isFound(List<? extends Found<?>> found, String className) {
        for (Found<?> one : found) {
            if (one.provider().getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
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
