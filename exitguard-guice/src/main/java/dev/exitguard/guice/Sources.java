package dev.exitguard.guice;

import com.google.inject.Key;
import com.google.inject.spi.ElementSource;
import java.lang.reflect.Member;

/** Guice's binding sources and keys in the words its own messages use. */
final class Sources {

    private Sources() {
    }

    /**
     * Where a binding was declared: {@code com.acme.AppModule.configure(AppModule.java:23)} for a
     * binding made in {@code configure()}, {@code com.acme.AppModule.journal()} for a
     * {@code @Provides} method, the class for a just-in-time binding.
     */
    static String describe(Object source) {
        Object declaring = source instanceof ElementSource ? ((ElementSource) source).getDeclaringSource() : source;
        if (declaring instanceof StackTraceElement) {
            // Not StackTraceElement.toString(): that prefixes class loader and module names.
            StackTraceElement frame = (StackTraceElement) declaring;
            String file = frame.getFileName() == null ? "Unknown Source"
                    : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
            return frame.getClassName() + "." + frame.getMethodName() + "(" + file + ")";
        }
        if (declaring instanceof Member) {
            Member member = (Member) declaring;
            return member.getDeclaringClass().getName() + "." + member.getName() + "()";
        }
        if (declaring instanceof Class) {
            return ((Class<?>) declaring).getName();
        }
        return String.valueOf(declaring);
    }

    /** A key as people write it: {@code com.acme.Database}, or {@code com.acme.Database @Named("main")}. */
    static String describe(Key<?> key) {
        String type = key.getTypeLiteral().toString();
        if (key.getAnnotation() != null) {
            return type + " " + key.getAnnotation();
        }
        if (key.getAnnotationType() != null) {
            return type + " @" + key.getAnnotationType().getName();
        }
        return type;
    }
}
