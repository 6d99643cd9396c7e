package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The custody map against a stand-in of the JDK's registry, used exactly as the JDK uses it. */
class HookCustodyTest {

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private HookTable table;

    @BeforeEach
    void freshRegistry() {
        FakeShutdownHooks.reset();
        table = FakeShutdownHooks.table();
    }

    private Thread hook(String name) {
        return new Thread(() -> ran.add(name), name);
    }

    private HookCustody swap() {
        synchronized (table.lock()) {
            HookCustody custody = new HookCustody(table.current());
            table.replace(custody);
            return custody;
        }
    }

    private static List<String> names(List<Thread> threads) {
        List<String> out = new ArrayList<>();
        threads.forEach(t -> out.add(t.getName()));
        return out;
    }

    @Test
    void theJvmStartsOnlyExitguardsOwnHooksAndTheExitTakesTheOthers() {
        Thread own = OwnHooks.mark(hook("own"));
        FakeShutdownHooks.add(hook("before-1"));
        FakeShutdownHooks.add(own);
        FakeShutdownHooks.add(hook("before-2"));
        HookCustody custody = swap();
        FakeShutdownHooks.add(hook("after"));

        List<Thread> taken;
        synchronized (table.lock()) {
            taken = custody.takeForExit(t -> false, "the exit has begun");
        }
        // Those from before the swap in the JVM's map's order, which is none; those after it in theirs.
        assertEquals(List.of("before-1", "before-2"), names(taken.subList(0, 2)).stream().sorted().toList());
        assertEquals("after", taken.get(2).getName());
        assertEquals(List.of("own"), names(FakeShutdownHooks.runHooks()));
        assertEquals(List.of("own"), ran);
    }

    @Test
    void aHookIsRegisteredOnceAndRemovedOnceAsTheJvmsRulesSay() {
        HookCustody custody = swap();
        Thread hook = hook("h");
        FakeShutdownHooks.add(hook);

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> FakeShutdownHooks.add(hook));
        assertEquals("Hook previously registered", twice.getMessage());
        assertSame(hook, custody.get(hook));
        assertTrue(FakeShutdownHooks.remove(hook));
        assertFalse(FakeShutdownHooks.remove(hook));
        assertFalse(custody.containsKey(hook));
        synchronized (table.lock()) {
            assertEquals(List.of(), custody.takeForExit(t -> false, "the exit has begun"));
        }
    }

    @Test
    void onceTheExitHasTakenTheHooksANewOneIsRefusedAsInAShutdownAndRemovingATakenOneFindsNothing() {
        HookCustody custody = swap();
        Thread taken = hook("taken");
        FakeShutdownHooks.add(taken);
        synchronized (table.lock()) {
            custody.takeForExit(t -> false,
                    "exitguard's exit (SIGNAL TERM) has started the JVM's other shutdown hooks");
        }

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> FakeShutdownHooks.add(hook("late")));
        assertEquals("Shutdown in progress: exitguard's exit (SIGNAL TERM) has started the JVM's other shutdown hooks",
                refused.getMessage());
        assertFalse(FakeShutdownHooks.remove(taken));
        assertEquals(HookCustody.State.CLOSED, custody.state());
    }

    @Test
    void theHooksToRunLastStayUntilTheRestIsTakenAndCanStillBeRemovedMeanwhile() {
        HookCustody custody = swap();
        Thread logging = hook("logging");
        Thread removedLogging = hook("removed-logging");
        Thread plain = hook("plain");
        FakeShutdownHooks.add(logging);
        FakeShutdownHooks.add(plain);
        FakeShutdownHooks.add(removedLogging);

        List<Thread> first;
        synchronized (table.lock()) {
            first = custody.takeForExit(t -> t.getName().contains("logging"), "the exit has begun");
        }
        assertTrue(FakeShutdownHooks.remove(removedLogging));
        List<Thread> rest;
        synchronized (table.lock()) {
            rest = custody.takeRest("the exit is over");
        }

        assertEquals(List.of("plain"), names(first));
        assertEquals(List.of("logging"), names(rest));
        synchronized (table.lock()) {
            assertEquals(List.of(), custody.takeRest("the exit is over"));
        }
    }

    @Test
    void releasingGivesEveryHookNotYetTakenBackToTheJvmWhichThenStartsThem() {
        Thread own = OwnHooks.mark(hook("own"));
        FakeShutdownHooks.add(own);
        FakeShutdownHooks.add(hook("adopted"));
        HookCustody custody = swap();
        FakeShutdownHooks.add(hook("later"));

        synchronized (table.lock()) {
            IdentityHashMap<Thread, Thread> plain = custody.release();
            assertSame(IdentityHashMap.class, plain.getClass());
            table.replace(plain);
        }
        FakeShutdownHooks.add(hook("after-release"));

        List<String> started = names(FakeShutdownHooks.runHooks());
        started.sort(null);
        assertEquals(List.of("adopted", "after-release", "later", "own"), started);
        assertEquals(HookCustody.State.RELEASED, custody.state());
    }

    @Test
    void whatTheJvmSeesOfTheMapIsOnlyWhatItIsToStart() {
        Thread own = OwnHooks.mark(hook("own"));
        FakeShutdownHooks.add(own);
        HookCustody custody = swap();
        Thread adopted = hook("adopted");
        FakeShutdownHooks.add(adopted);

        // runHooks iterates the key set: it holds exitguard's own hook alone.
        assertEquals(1, custody.size());
        assertEquals(List.of(own), new ArrayList<>(custody.keySet()));
        assertTrue(custody.containsKey(adopted));
        assertNull(custody.get(hook("stranger")));
        assertEquals(List.of("own", "adopted"), names(custody.known()));
    }

    @Test
    void theHooksTheExitTookStayKnownForTheWatchdog() {
        HookCustody custody = swap();
        Thread hook = hook("h");
        FakeShutdownHooks.add(hook);
        synchronized (table.lock()) {
            custody.takeForExit(t -> false, "the exit has begun");
        }

        assertEquals(List.of(hook), custody.known());
        assertEquals(List.of(), custody.adopted());
    }
}
