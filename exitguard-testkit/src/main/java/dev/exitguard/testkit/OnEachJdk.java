package dev.exitguard.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test once on each JDK of {@link TestJdks#all()}, which it takes as its {@link Jdk}
 * parameter; a run on a JDK that was not found is skipped with the reason (or fails, if required).
 *
 * <pre>{@code
 * @OnEachJdk
 * void sigtermExitsWith143(Jdk jdk) { ... ChildJvm.onClassPath(jdk, App.class, dir) ... }
 * }</pre>
 *
 * @since 0.1
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "[{index}] {0}")
@MethodSource("dev.exitguard.testkit.TestJdks#all")
public @interface OnEachJdk {
}
