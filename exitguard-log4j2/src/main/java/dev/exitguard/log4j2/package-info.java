/**
 * Log4j 2 stopped by exitguard, once, after every exit action and after the exit report: Log4j's
 * {@link org.apache.logging.log4j.core.util.ShutdownCallbackRegistry} is
 * {@link dev.exitguard.log4j2.ExitGuardShutdownCallbackRegistry}, and
 * {@link dev.exitguard.log4j2.Log4jBackend} is exitguard's {@link dev.exitguard.core.LoggingBackend}
 * for it. Both come into play with the jar on the class path or module path; nothing to write.
 */
package dev.exitguard.log4j2;
