package io.github.ddbbackup.testsupport;

import java.util.List;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * What a background thread recorded after the last test class of the run had ended (its {@code afterAll} already
 * reported), which no test is left to fail: printed to standard error when the run ends, so that it is at least not
 * lost silently. Registered through {@code META-INF/services}.
 */
public final class LateViolationsReport implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<Violation> late = Violations.takeAll();
        if (late.isEmpty()) {
            return;
        }
        System.err.println("NonBlockingExtension: " + late.size()
                + " non-blocking violation(s) recorded after the last test class ended, too late to fail a test:");
        late.forEach(v -> {
            System.err.println("  " + v.summary());
            v.trace().printStackTrace(System.err);
        });
    }
}
