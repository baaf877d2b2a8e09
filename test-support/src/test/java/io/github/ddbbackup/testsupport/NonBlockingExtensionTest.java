package io.github.ddbbackup.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * Runs small test classes (nested here, so that Surefire does not run them itself) through the Jupiter engine, with
 * the extension auto-detected as in every module, and checks what they report. None of them names the extension.
 */
class NonBlockingExtensionTest {

    @Test
    void aSwallowedBlockingCallOnAParallelThreadFailsItsTestNamingMethodThreadAndStack() {
        Throwable failure = onlyFailure(run(SwallowsABlockingCall.class).testEvents());

        String message = failure.getMessage();
        assertTrue(message.contains("blocking call java.lang.Thread.sleep"), message);
        assertTrue(message.contains("on thread \"parallel-"), message);
        assertTrue(message.contains("during SwallowsABlockingCall.sleepsOnParallelAndSwallowsTheError()"), message);
        BlockingOperationError stack = assertInstanceOf(BlockingOperationError.class, failure.getSuppressed()[0]);
        assertEquals("java.lang.Thread", stack.getStackTrace()[0].getClassName());
        assertTrue(List.of(stack.getStackTrace()).stream()
                        .anyMatch(frame -> frame.getClassName().startsWith(NonBlockingExtensionTest.class.getName())),
                "the stack reaches the test's own code");
    }

    @Test
    void aSwallowedBlockingCallOnANettyEventLoopFailsItsTest() {
        Throwable failure = onlyFailure(run(SwallowsABlockingCallOnAnEventLoop.class).testEvents());

        assertTrue(failure.getMessage().contains("blocking call java.lang.Thread.sleep"), failure.getMessage());
        assertTrue(failure.getMessage().contains("on thread \"blocking-test-"), failure.getMessage());
    }

    @Test
    void manyViolationsAreListedUpToTwentyWithOneStackForEachPlace() {
        Throwable failure = onlyFailure(run(BlocksManyTimesInTwoPlaces.class).testEvents());

        assertTrue(failure.getMessage().startsWith("25 non-blocking violation(s)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  20. blocking call"), failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  ... and 5 more"), failure.getMessage());
        assertEquals(2, failure.getSuppressed().length, "one stack for each of the two places");
    }

    @Test
    void aDroppedErrorFailsItsTest() {
        Throwable failure = onlyFailure(run(DropsAnError.class).testEvents());

        assertTrue(failure.getMessage().contains("dropped error java.lang.IllegalStateException: after completion"),
                failure.getMessage());
        assertInstanceOf(IllegalStateException.class, failure.getSuppressed()[0].getCause());
    }

    @Test
    void anErrorNobodyHandledOnASchedulerFailsItsTest() {
        Throwable failure = onlyFailure(run(ThrowsOnAScheduler.class).testEvents());

        assertTrue(failure.getMessage().contains(
                "unhandled error on a scheduler java.lang.IllegalStateException: nobody handles this"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("on thread \"unhandled-"), failure.getMessage());
    }

    @Test
    void aBlockingCallAfterTheLastTestFailsTheClass() {
        EngineExecutionResults results = run(BlocksInAfterAll.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(test(), finishedSuccessfully()));
        Throwable failure = onlyFailure(results.containerEvents());
        assertTrue(failure.getMessage().contains("by BlocksInAfterAll or its background work"), failure.getMessage());
        assertTrue(failure.getMessage().contains("after BlocksInAfterAll.passes() ended"), failure.getMessage());
    }

    @Test
    void aBlockingCallBeforeATestIsReportedByThatTestNotLost() {
        Throwable failure = onlyFailure(run(BlocksInBeforeAll.class).testEvents());

        assertTrue(failure.getMessage().contains("while BlocksInBeforeAll was being set up"), failure.getMessage());
    }

    @Test
    void nonBlockingWorkOnParallelThreadsPasses() {
        run(StaysNonBlocking.class).allEvents().assertThatEvents()
                .haveExactly(1, event(test(), finishedSuccessfully()))
                .doNotHave(event(finishedWithFailure()));
    }

    @Test
    void whatIsRecordedAfterTheLastClassIsPrintedWhenTheRunEnds() {
        Violations.droppedError(new IllegalStateException("after the last class"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            new LateViolationsReport().testPlanExecutionFinished(null);
        } finally {
            System.setErr(original);
        }

        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("1 non-blocking violation(s) recorded after the last test class ended"), printed);
        assertTrue(printed.contains("dropped error java.lang.IllegalStateException: after the last class"), printed);
        assertEquals(List.of(), Violations.takeAll(), "reported once");
    }

    @Test
    void watchesThisTestToo() {
        NonBlockingExtension.assertWatchingThisTest();
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        // Implicit parameters: junit-platform.properties is read, as in a module's own run.
        return EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(true)
                .selectors(selectClass(testClass)).execute();
    }

    private static Throwable onlyFailure(Events events) {
        List<Event> failed = events.failed().list();
        assertEquals(1, failed.size(), () -> "failures: " + failed);
        return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    private static void sleepOnParallelAndSwallowTheError() {
        Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return "slept";
                })
                .subscribeOn(Schedulers.parallel())
                .onErrorResume(BlockingOperationError.class, error -> Mono.empty())
                .block(Duration.ofSeconds(30));
    }

    static class SwallowsABlockingCall {
        @Test
        void sleepsOnParallelAndSwallowsTheError() {
            sleepOnParallelAndSwallowTheError();
        }
    }

    static class SwallowsABlockingCallOnAnEventLoop {
        @Test
        void sleepsOnAnEventLoopAndSwallowsTheError() throws Exception {
            LoopResources loops = LoopResources.create("blocking-test", 1, true);
            try {
                loops.onClient(false).submit(() -> {
                    try {
                        Thread.sleep(1);
                    } catch (Throwable swallowed) {
                        // as careless code would
                    }
                }).get(30, TimeUnit.SECONDS);
            } finally {
                loops.disposeLater().block(Duration.ofSeconds(30));
            }
        }
    }

    static class BlocksManyTimesInTwoPlaces {
        @Test
        void sleepsTwentyFiveTimes() {
            for (int i = 0; i < 20; i++) {
                sleepOnParallelAndSwallowTheError();
            }
            for (int i = 0; i < 5; i++) {
                Mono.fromRunnable(() -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).subscribeOn(Schedulers.parallel()).onErrorResume(error -> Mono.empty()).block(Duration.ofSeconds(30));
            }
        }
    }

    static class DropsAnError {
        @Test
        void errsAfterCompleting() {
            Flux.<Integer>from(subscriber -> {
                subscriber.onSubscribe(Operators.emptySubscription());
                subscriber.onComplete();
                subscriber.onError(new IllegalStateException("after completion"));
            }).map(i -> i).blockLast(Duration.ofSeconds(30));
        }
    }

    static class ThrowsOnAScheduler {
        @Test
        void throwsInAScheduledTask() throws InterruptedException {
            Scheduler single = Schedulers.newSingle("unhandled");
            try {
                CountDownLatch after = new CountDownLatch(1);
                single.schedule(() -> {
                    throw new IllegalStateException("nobody handles this");
                });
                // The single thread runs tasks in order: the error has been handled when this one runs.
                single.schedule(after::countDown);
                assertTrue(after.await(30, TimeUnit.SECONDS));
            } finally {
                single.dispose();
            }
        }
    }

    static class BlocksInAfterAll {
        @Test
        void passes() {
        }

        @AfterAll
        static void closeOnParallel() {
            sleepOnParallelAndSwallowTheError();
        }
    }

    static class BlocksInBeforeAll {
        @BeforeAll
        static void openOnParallel() {
            sleepOnParallelAndSwallowTheError();
        }

        @Test
        void passes() {
        }
    }

    static class StaysNonBlocking {
        @Test
        void delaysOnParallel() {
            Mono.delay(Duration.ofMillis(1), Schedulers.parallel()).map(tick -> tick + 1)
                    .publishOn(Schedulers.parallel()).block(Duration.ofSeconds(30));
        }
    }
}
