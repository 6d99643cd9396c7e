package dev.exitguard.log4j2;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import org.apache.logging.log4j.status.StatusLogger;
import org.apache.logging.log4j.util.LoaderUtil;
import org.apache.logging.log4j.util.PropertySource;

/** What the application's own Log4j component properties say about Log4j's shutdown. */
final class Log4jSettings {

    /** The file Log4j merges its component properties from, every copy on the class path. */
    static final String COMPONENT_PROPERTIES = "log4j2.component.properties";

    /** {@code log4j2.shutdownCallbackRegistry} as Log4j reads any spelling of it. */
    private static final List<CharSequence> REGISTRY_KEY = List.of("shutdown", "callback", "registry");

    private Log4jSettings() {
    }

    /**
     * The shutdown callback registry that a {@code log4j2.component.properties} other than this
     * module's names, in any of the spellings Log4j accepts ({@code log4j2.shutdownCallbackRegistry},
     * {@code log4j.shutdownCallbackRegistry}, ...); null if none does. Log4j merges every such file,
     * a later one on the class path winning a key, and prefers the {@code log4j2.} spelling; so
     * whether this module's file outranks the application's depends on the class path order, and the
     * application's must win whatever the order.
     */
    static String registryNamedByApplication() {
        String ours = ExitGuardShutdownCallbackRegistry.class.getName();
        String found = null;
        for (URL url : LoaderUtil.findResources(COMPONENT_PROPERTIES)) {
            Properties properties = new Properties();
            try (InputStream in = url.openStream()) {
                properties.load(in);
            } catch (IOException e) {
                StatusLogger.getLogger().warn("exitguard: cannot read {}", url, e);
                continue;
            }
            for (String key : properties.stringPropertyNames()) {
                String value = properties.getProperty(key).trim();
                if (!value.isEmpty() && !value.equals(ours) && PropertySource.Util.tokenize(key).equals(REGISTRY_KEY)) {
                    found = value;
                }
            }
        }
        return found;
    }
}
