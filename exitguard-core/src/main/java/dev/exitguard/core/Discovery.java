package dev.exitguard.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        List<URL> unparsable = new ArrayList<>();
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
                URL file = unparsableFile(service, e);
                if (file != null && effective != null) {
                    unparsable.add(file);
                } else {
                    warnings.add(message);
                }
            }
        }
        for (URL file : unparsable) {
            loadByHand(service, effective, file, found, warnings);
        }
        return found;
    }

    /**
     * The service file a failure is about, if {@link ServiceLoader} failed to parse it: it then
     * rejects the whole file over one line (a space inside a name, a character no class name has,
     * or a UTF-8 byte-order mark, which an editor on Windows adds without anyone noticing). Such a
     * file is read here instead, line by line, so that one bad line costs only itself. Only
     * failures lead here: reading every service file twice would slow every start-up for a rare
     * mistake.
     */
    private static URL unparsableFile(Class<?> service, ServiceConfigurationError e) {
        Matcher matcher = e.getMessage() == null ? null : ParseFailure.PATTERN.matcher(e.getMessage());
        if (matcher == null || !matcher.matches() || !matcher.group(1).equals(service.getName())) {
            return null;
        }
        try {
            return new URL(matcher.group(2));
        } catch (MalformedURLException malformed) {
            return null;
        }
    }

    /**
     * {@code <service>: <file>:<line>: Illegal ...}, the message ServiceLoader fails a parse with. In a
     * holder of its own, compiled at the first failure only: compiling a pattern loads the regex
     * engine and, through it, the lambda machinery, tens of milliseconds of a cold start-up that a
     * clean discovery never needs.
     */
    private static final class ParseFailure {
        static final Pattern PATTERN = Pattern.compile(
                "([^:]+): (.+):\\d+: Illegal (?:provider-class name|configuration-file syntax).*", Pattern.DOTALL);
    }

    /** A line of a service file without its comment and surrounding blanks, as ServiceLoader reads it. */
    private static String providerName(String line) {
        int comment = line.indexOf('#');
        return (comment >= 0 ? line.substring(0, comment) : line).trim();
    }

    /** Whether ServiceLoader takes {@code name} (empty: a blank line) as a provider's class name. */
    private static boolean isClassName(String name) {
        if (name.isEmpty()) {
            return true;
        }
        if (!Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().skip(1).allMatch(c -> c == '.' || Character.isJavaIdentifierPart(c));
    }

    private static <T> void loadByHand(Class<T> service, ClassLoader loader, URL file, List<Found<T>> found,
            List<String> warnings) {
        List<String> names = new ArrayList<>();
        try (InputStream in = file.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                warnings.add("service file " + file + " starts with a byte-order mark, which ServiceLoader rejects;"
                        + " its providers were loaded anyway; save it as UTF-8 without one");
                text = text.substring(1);
            }
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String name = providerName(lines.get(i));
                if (!isClassName(name)) {
                    warnings.add("skipped a broken " + service.getSimpleName() + " provider: line " + (i + 1) + " of "
                            + file + ", [" + name + "], is not a class name; the other providers of that file were loaded");
                } else if (!name.isEmpty() && !names.contains(name)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            warnings.add("could not read service file " + file + ": " + e);
            return;
        }
        for (String name : names) {
            if (found.stream().anyMatch(f -> f.provider().getClass().getName().equals(name))) {
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
