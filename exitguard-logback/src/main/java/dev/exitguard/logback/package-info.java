/**
 * Logback stopped by exitguard, once, after every exit action and after the exit report:
 * {@link dev.exitguard.logback.LogbackBackend} is exitguard's
 * {@link dev.exitguard.core.LoggingBackend} for Logback's {@code LoggerContext}, found by
 * {@link java.util.ServiceLoader} with the jar on the class path or module path; nothing to write.
 */
package dev.exitguard.logback;
