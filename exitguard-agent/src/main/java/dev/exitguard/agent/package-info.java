/**
 * The exitguard agent: {@link dev.exitguard.agent.ExitGuardAgent} installs exitguard before the
 * application's {@code main}, from {@code -javaagent} or an executable jar's
 * {@code Launcher-Agent-Class}.
 *
 * @since 0.1
 */
package dev.exitguard.agent;
