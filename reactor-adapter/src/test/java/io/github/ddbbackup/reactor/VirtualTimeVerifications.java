package io.github.ddbbackup.reactor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Virtual time for a test class's StepVerifier scenarios, registered on a {@code static} field: every verification is
 * bounded (20 s of real time, so a hang fails instead of stalling the build), each gets a fresh clock from
 * {@link #fresh()}, and every clock handed out is disposed after its test.
 */
final class VirtualTimeVerifications implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private final List<VirtualTimeScheduler> handedOut = new ArrayList<>();

    /** A new virtual clock; StepVerifier asks for it before it builds the scenario. */
    synchronized VirtualTimeScheduler fresh() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        handedOut.add(time);
        return time;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        StepVerifier.setDefaultTimeout(Duration.ofSeconds(20));
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        handedOut.forEach(VirtualTimeScheduler::dispose);
        handedOut.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        StepVerifier.resetDefaultTimeout();
    }
}
