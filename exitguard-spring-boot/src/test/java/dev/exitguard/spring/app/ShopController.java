package dev.exitguard.spring.app;

import dev.exitguard.testkit.InChild;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /slow} holds its request until the test creates the file {@code release} in the working
 * folder (so the test decides when it ends, not a sleep); {@code /hello} answers at once;
 * {@code /exit?status=n} calls {@code System.exit(n)}; {@code /readiness} answers 200 while the application accepts traffic and 503 once it refuses it,
 * as actuator's readiness probe does.
 */
@RestController
public class ShopController {

    private final ApplicationAvailability availability;

    public ShopController(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @GetMapping("/slow")
    public String slow() throws InterruptedException {
        InChild.record("slow request started");
        Path release = Path.of("release");
        long end = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(release) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        InChild.record("slow request answered");
        return "slow done";
    }

    @GetMapping("/hello")
    public String hello() {
        InChild.record("hello answered");
        return "hello";
    }

    /** Calls {@code System.exit(status)} from a thread of its own, as code anywhere in an application may. */
    @GetMapping("/exit")
    public String exit(@RequestParam("status") int status) {
        InChild.record("System.exit(" + status + ")");
        new Thread(() -> System.exit(status), "app-exit").start();
        return "exiting";
    }

    @GetMapping("/readiness")
    public ResponseEntity<String> readiness() {
        ReadinessState state = availability.getReadinessState();
        return ResponseEntity.status(state == ReadinessState.ACCEPTING_TRAFFIC ? 200 : 503).body(state.toString());
    }
}
