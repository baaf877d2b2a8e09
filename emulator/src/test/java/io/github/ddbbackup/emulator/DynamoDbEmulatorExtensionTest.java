package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small test classes (nested here, so that Surefire does not run them itself) through the Jupiter engine and
 * checks which emulators the extension gave them, and that each was closed when its test or class was over.
 */
class DynamoDbEmulatorExtensionTest {

    /** What the nested classes saw, in order; each class's run starts with an empty list. */
    static final List<DynamoDbEmulator> seen = new CopyOnWriteArrayList<>();

    static Events run(Class<?> testClass) {
        seen.clear();
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
        tests.assertStatistics(stats -> stats.failed(0));
        return tests;
    }

    @Test
    void onAnInstanceFieldEachTestGetsAFreshEmulatorServingFromBeforeEachToAfterEachAndClosedAfterIt() {
        run(PerTest.class).assertStatistics(stats -> stats.succeeded(2));
        assertEquals(4, seen.size(), "two tests, seen in @BeforeEach and in @AfterEach");
        assertSame(seen.get(0), seen.get(1), "the same in @BeforeEach and @AfterEach of one test");
        assertSame(seen.get(2), seen.get(3));
        assertNotSame(seen.get(0), seen.get(2), "each test its own");
        assertTrue(seen.stream().noneMatch(DynamoDbEmulator::serving), "every one closed");
    }

    @Test
    void onAStaticFieldOneEmulatorServesTheWholeClassWithItsSettingsAndIsClosedAfterIt() {
        run(PerClass.class).assertStatistics(stats -> stats.succeeded(2));
        assertEquals(3, seen.size(), "two tests, then @AfterAll");
        assertSame(seen.get(0), seen.get(1));
        assertSame(seen.get(0), seen.get(2));
        assertFalse(seen.get(0).serving());
        assertEquals("eu-west-1", seen.get(0).region(), "the extension's settings");
    }

    @Test
    void onDemandStartsNoneItselfAndClosesWhatATestStartedWithItsOwnSettings() {
        run(OnDemand.class).assertStatistics(stats -> stats.succeeded(1));
        assertEquals(2, seen.size());
        assertEquals("123456789012", seen.get(0).accountId());
        assertEquals("210987654321", seen.get(1).accountId(), "the test's settings after the extension's");
        assertTrue(seen.stream().noneMatch(DynamoDbEmulator::serving), "both closed after the test");
    }

    static class PerTest {

        @RegisterExtension
        final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension();

        @BeforeEach
        void started() {
            assertTrue(dynamoDb.emulator().serving());
            seen.add(dynamoDb.emulator());
        }

        @AfterEach
        void stillServing() {
            assertTrue(dynamoDb.emulator().serving());
            seen.add(dynamoDb.emulator());
        }

        @Test
        void first() {
            assertFalse(dynamoDb.emulator().hasTable("orders"), "nothing left from another test");
            dynamoDb.emulator().createTable("orders");
        }

        @Test
        void second() {
            assertFalse(dynamoDb.emulator().hasTable("orders"), "nothing left from another test");
            dynamoDb.emulator().createTable("orders");
        }
    }

    static class PerClass {

        @RegisterExtension
        static final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension(
                settings -> settings.region("eu-west-1"));

        @AfterAll
        static void stillServing() {
            assertTrue(dynamoDb.emulator().serving());
            seen.add(dynamoDb.emulator());
        }

        @Test
        void first() {
            seen.add(dynamoDb.emulator());
            assertEquals(dynamoDb.emulator().endpoint(), dynamoDb.endpoint());
        }

        @Test
        void second() {
            seen.add(dynamoDb.emulator());
        }
    }

    static class OnDemand {

        @RegisterExtension
        final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand(
                settings -> settings.accountId("123456789012"));

        @Test
        void startsTwo() {
            assertThrows(IllegalStateException.class, dynamoDb::emulator, "none before start");
            DynamoDbEmulator plain = dynamoDb.start();
            DynamoDbEmulator other = dynamoDb.start(settings -> settings.accountId("210987654321"));
            assertTrue(plain.serving() && other.serving());
            assertSame(other, dynamoDb.emulator(), "the latest started");
            seen.add(plain);
            seen.add(other);
        }
    }
}
