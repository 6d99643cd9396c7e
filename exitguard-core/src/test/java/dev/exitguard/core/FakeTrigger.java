package dev.exitguard.core;

import dev.exitguard.api.ExitReason;
import dev.exitguard.api.ExitRequests;
import dev.exitguard.api.ExitTrigger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A trigger a test fires by hand; it records what the guard did with it. */
final class FakeTrigger implements ExitTrigger {

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final String name;
    private volatile ExitRequests requests;

    FakeTrigger(String name) {
        this.name = name;
    }

    void fire(ExitReason reason) {
        requests.requestExit(reason);
    }

    @Override
    public void arm(ExitRequests requests) {
        this.requests = requests;
        calls.add("arm");
    }

    @Override
    public void disarm() {
        calls.add("disarm");
    }

    @Override
    public void actionsFinished(ExitReason reason) {
        calls.add("actionsFinished " + reason.detail());
    }

    @Override
    public String name() {
        return name;
    }
}
