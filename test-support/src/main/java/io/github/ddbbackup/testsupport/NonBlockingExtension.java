package io.github.ddbbackup.testsupport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fails a test during which BlockHound saw a blocking call on a non-blocking thread, or Reactor dropped an error or
 * could not hand one to anybody, even when the code under test swallowed or only logged it. The failure names what
 * blocked or was dropped, the thread, and carries the stack of each as a suppressed exception.
 *
 * <p>What a background thread records after its test ended fails the next test of the class, or the class itself
 * (after its {@code @AfterAll} methods). The message says which test was running when each was recorded.
 */
public final class NonBlockingExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private static final String HOOK_KEY = NonBlockingExtension.class.getName();
    /** The classes that record a violation: their frames are not where it happened. */
    private static final Set<String> RECORDING_CLASSES = Set.of(Violations.class.getName(),
            RecordingBlockHoundIntegration.class.getName(), NonBlockingExtension.class.getName());
    /** A failure lists this many violations at most (a blocked event loop may record hundreds). */
    private static final int MAX_LISTED = 20;

    static {
        // Hooks compose (each consumer is added to those already set), so other hooks keep working.
        Hooks.onErrorDropped(Violations::droppedError);
        Schedulers.onHandleError(HOOK_KEY, (thread, error) -> Violations.unhandledSchedulerError(error));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Violations.now("while " + name(context) + " was being set up");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Violations.now("during " + name(context));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            failIfAnyRecorded("during or before " + name(context));
        } finally {
            Violations.now("after " + name(context) + " ended");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            failIfAnyRecorded("by " + name(context) + " or its background work");
        } finally {
            Violations.now("after " + name(context) + " ended");
        }
    }

    /**
     * For one test in each module that uses this extension: proves that the extension watches the calling test and
     * that a blocking call on a parallel thread whose error is swallowed is recorded (and then takes that record,
     * so that the calling test passes). Fails if anything else was recorded.
     */
    public static void assertWatchingThisTest() {
        if (!Violations.now().startsWith("during ")) {
            throw new AssertionFailedError("NonBlockingExtension does not watch this test (now: " + Violations.now()
                    + "); is ddb-backup-test-support's junit-platform.properties the first on the classpath?");
        }
        Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return "slept";
                })
                .subscribeOn(Schedulers.parallel())
                .onErrorResume(error -> Mono.empty())
                .block(Duration.ofSeconds(30));
        List<Violation> recorded = Violations.takeAll();
        boolean onlyTheSleep = recorded.size() == 1
                && recorded.get(0).kind() == Violation.Kind.BLOCKING_CALL
                && recorded.get(0).what().startsWith("java.lang.Thread.sleep")
                && recorded.get(0).thread().startsWith("parallel-");
        if (!onlyTheSleep) {
            throw failure("expected exactly the swallowed Thread.sleep on a parallel thread", recorded);
        }
    }

    private static void failIfAnyRecorded(String where) {
        List<Violation> recorded = Violations.takeAll();
        if (!recorded.isEmpty()) {
            throw failure(recorded.size() + " non-blocking violation(s) " + where, recorded);
        }
    }

    private static AssertionFailedError failure(String headline, List<Violation> recorded) {
        StringBuilder message = new StringBuilder(headline).append(':');
        for (int i = 0; i < Math.min(recorded.size(), MAX_LISTED); i++) {
            message.append("\n  ").append(i + 1).append(". ").append(recorded.get(i).summary());
        }
        if (recorded.size() > MAX_LISTED) {
            message.append("\n  ... and ").append(recorded.size() - MAX_LISTED).append(" more");
        }
        // One stack for each different thing at each place: a blocked event loop repeats the same one many times.
        Map<String, Throwable> stacks = new LinkedHashMap<>();
        recorded.forEach(v -> stacks.putIfAbsent(v.kind() + " " + v.what() + " at " + firstOwnFrame(v.trace()),
                v.trace()));
        if (!stacks.isEmpty()) {
            message.append("\n(the stack of each different one is attached as a suppressed exception)");
        }
        AssertionFailedError failure = new AssertionFailedError(message.toString());
        stacks.values().stream().limit(MAX_LISTED).forEach(failure::addSuppressed);
        return failure;
    }

    /** The first frame outside the JDK, BlockHound and this extension: where the code under test did it. */
    private static String firstOwnFrame(Throwable trace) {
        for (StackTraceElement frame : trace.getStackTrace()) {
            String className = frame.getClassName();
            if (!className.startsWith("java.") && !className.startsWith("jdk.") && !className.startsWith("sun.")
                    && !className.startsWith("reactor.blockhound.")
                    && !RECORDING_CLASSES.contains(className.replaceFirst("\\$.*", ""))) {
                return frame.toString();
            }
        }
        return "?";
    }

    private static String name(ExtensionContext context) {
        String className = context.getTestClass().map(Class::getSimpleName).orElse("?");
        return context.getTestMethod().isPresent() ? className + "." + context.getDisplayName() : className;
    }
}
