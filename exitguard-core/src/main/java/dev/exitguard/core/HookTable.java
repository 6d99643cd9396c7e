package dev.exitguard.core;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Where the JVM keeps the shutdown hooks that {@link Runtime#addShutdownHook} registers: the static
 * {@code IdentityHashMap<Thread, Thread> hooks} of {@code java.lang.ApplicationShutdownHooks},
 * guarded by that class's monitor. The same on JDK 17 and 25: {@code add} and {@code remove} are
 * {@code static synchronized} and work on whatever map the field holds ({@code containsKey},
 * {@code put}, {@code remove}); when the JVM's shutdown begins, {@code runHooks()} takes the
 * field's {@code keySet()} under the class's monitor, sets the field to null, and starts and joins
 * every thread of that set. Reaching the field needs {@code java.lang} opened to exitguard.
 *
 * <p>A test passes a class of its own with the same shape instead of the JDK's.
 */
final class HookTable {

    static final String JDK_CLASS = "java.lang.ApplicationShutdownHooks";
    static final String FIELD = "hooks";

    private final Class<?> owner;
    private final Field field;

    private HookTable(Class<?> owner, Field field) {
        this.owner = owner;
        this.field = field;
    }

    /**
     * The JVM's own table, if exitguard may reach it; otherwise null, and why not is added to
     * {@code problems}, one sentence.
     */
    static HookTable jdk(List<String> problems) {
        Module javaBase = Object.class.getModule();
        Module self = HookTable.class.getModule();
        if (!javaBase.isOpen("java.lang", self)) {
            problems.add("java.base does not open java.lang to " + describe(self));
            return null;
        }
        Class<?> owner;
        try {
            owner = Class.forName(JDK_CLASS, true, null);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add("this JVM has no " + JDK_CLASS + " (" + e + ")");
            return null;
        }
        return of(owner, problems);
    }

    /**
     * The table kept in {@code owner}'s static {@code hooks} field; null, with why added to
     * {@code problems}, if it has none.
     */
    static HookTable of(Class<?> owner, List<String> problems) {
        try {
            Field field = owner.getDeclaredField(FIELD);
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)
                    || field.getType() != IdentityHashMap.class) {
                problems.add(owner.getName() + "." + FIELD + " is not the static, non-final IdentityHashMap exitguard"
                        + " knows (it is " + field + ")");
                return null;
            }
            field.setAccessible(true);
            return new HookTable(owner, field);
        } catch (NoSuchFieldException | RuntimeException e) {
            problems.add("cannot reach " + owner.getName() + "." + FIELD + " (" + e + ")");
            return null;
        }
    }

    /** The monitor that guards the table: hold it around every call below. */
    Object lock() {
        return owner;
    }

    /** The map the JVM uses now; null once its shutdown has begun (it has taken the hooks). Under {@link #lock()}. */
    @SuppressWarnings("unchecked")
    IdentityHashMap<Thread, Thread> current() {
        try {
            return (IdentityHashMap<Thread, Thread>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("lost access to " + field, e);
        }
    }

    /** Makes the JVM use {@code map} from now on. Under {@link #lock()}. */
    void replace(IdentityHashMap<Thread, Thread> map) {
        try {
            field.set(null, map);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("lost access to " + field, e);
        }
    }

    /** {@code module} as the user would name it in {@code --add-opens}. */
    static String describe(Module module) {
        return module.isNamed() ? "module " + module.getName() : "the class path (the unnamed module)";
    }
}
