package dev.exitguard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exitguard.api.ExitReason;
import dev.exitguard.core.HaltDump.Entry;
import dev.exitguard.testkit.Bounds;
import dev.exitguard.testkit.JsonReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the watchdog names before a halt; the JVM's own hooks in a real shutdown are proven in exitguard-tests. */
class HaltDumpTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseThreads() {
        release.countDown();
    }

    private Thread parked(String name, boolean daemon) throws InterruptedException {
        CountDownLatch parked = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            parked.countDown();
            waitForRelease();
        }, name);
        thread.setDaemon(daemon);
        thread.start();
        assertTrue(parked.await(20, TimeUnit.SECONDS));
        // Counted down just before it waits: under load it may still be RUNNABLE when the dump is taken.
        Bounds.awaitTrue(() -> thread.getState() == Thread.State.WAITING, () -> name + " never began to wait");
        return thread;
    }

    private void waitForRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Entry entry(HaltDump dump, String name) {
        return dump.entries().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in\n" + dump.text()));
    }

    @Test
    void namesTheHooksItKnowsFirstThenEveryNonDaemonThreadWithItsStackButNotOtherDaemons() throws Exception {
        Thread hook = parked("dump-test-hook", true);
        parked("dump-test-worker", false);
        parked("dump-test-daemon", true);

        HaltDump dump = HaltDump.capture(List.of(hook));

        assertEquals(List.of(HaltDump.SHUTDOWN_HOOK), entry(dump, "dump-test-hook").roles());
        assertEquals(List.of(HaltDump.NON_DAEMON), entry(dump, "dump-test-worker").roles());
        assertTrue(dump.entries().stream().noneMatch(e -> e.name().equals("dump-test-daemon")), dump.text());
        assertTrue(dump.entries().stream().noneMatch(e -> e.name().equals(Thread.currentThread().getName())),
                "the thread taking the dump is left out: " + dump.text());
        assertEquals(HaltDump.SHUTDOWN_HOOK, dump.entries().get(0).roles().get(0), dump.text());
        assertTrue(dump.text().contains("\n  \"dump-test-hook\" (shutdown hook) WAITING\n\tat "), dump.text());
        assertTrue(dump.text().contains("HaltDumpTest.waitForRelease"), dump.text());
    }

    @Test
    void exitguardsOwnHookIsNamedAsSuch() throws Exception {
        Thread own = OwnHooks.mark(parked("dump-test-own", true));

        HaltDump dump = HaltDump.capture(List.of(own));

        assertEquals(List.of(HaltDump.EXITGUARD_HOOK), entry(dump, "dump-test-own").roles());
    }

    @Test
    void theReportGetsTheSameThreadsAsAHaltMemberAndStaysValidJson() throws Exception {
        Thread hook = parked("dump \"test\" hook\n", true);
        HaltDump dump = HaltDump.capture(List.of(hook));
        ExitReport report = ExitGuard.builder().discoverActions(false).discoverTriggers(false).properties(name -> null)
                .build().runActions(ExitReason.signal("TERM", 15));

        String json = HaltDump.withHalt(report.toJson(), dump.json("the watchdog halted the JVM", 143));

        Map<String, Object> top = JsonReader.object(JsonReader.read(json));
        assertEquals("SIGNAL", JsonReader.object(top.get("reason")).get("kind"));
        Map<String, Object> halt = JsonReader.object(top.get("halt"));
        assertEquals("the watchdog halted the JVM", halt.get("cause"));
        assertEquals(143L, ((Number) halt.get("exitCode")).longValue());
        Map<String, Object> first = JsonReader.object(JsonReader.array(halt.get("threads")).get(0));
        assertEquals("dump \"test\" hook\n", first.get("name"));
        assertEquals(List.of("shutdown hook"), first.get("roles"));
        assertEquals(true, first.get("daemon"));
        assertEquals("WAITING", first.get("state"));
        assertTrue(((String) first.get("stack")).contains("HaltDumpTest.waitForRelease"), first.toString());
    }
}
