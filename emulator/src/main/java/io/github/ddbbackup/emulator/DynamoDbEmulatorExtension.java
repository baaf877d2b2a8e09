package io.github.ddbbackup.emulator;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@link DynamoDbEmulator}s for JUnit 5 tests, as r2dbc-postgresql's {@code PostgresqlServerExtension} runs a
 * database: register it on a field with {@link org.junit.jupiter.api.extension.RegisterExtension @RegisterExtension},
 * and the emulators it starts are closed when their test, or their test class, is over.
 *
 * <ul>
 * <li>On an instance field, each test gets a fresh emulator, started before the test's {@code @BeforeEach} methods
 *     and closed after its {@code @AfterEach} methods.</li>
 * <li>On a {@code static} field, one emulator serves the whole class, from before its {@code @BeforeAll} methods to
 *     after its {@code @AfterAll} methods; tables and backups carry over from test to test.</li>
 * <li>{@link #onDemand} starts none by itself: a test (or a {@code @BeforeEach}, or for the whole class a
 *     {@code @BeforeAll}) starts what it needs with {@link #start(Consumer)}, each emulator with its own settings.</li>
 * </ul>
 *
 * <pre>{@code
 * @RegisterExtension
 * final DynamoDbEmulatorExtension dynamoDb = new DynamoDbEmulatorExtension(
 *         settings -> settings.rateLimits(EmulatorRateLimits.NONE));
 *
 * @Test
 * void backsUpATable() {
 *     dynamoDb.emulator().createTable("orders");
 *     // point a client at dynamoDb.endpoint(), region dynamoDb.emulator().region(), the emulator's keys
 * }
 * }</pre>
 *
 * <p>Settings are those of {@link DynamoDbEmulator.Builder}, applied in order: the extension's, then those given to
 * {@link #start(Consumer)}. Starting and closing wait for the server, as {@link DynamoDbEmulator#start()} and
 * {@link DynamoDbEmulator#close()} do; JUnit calls them on the test's thread. The module depends on JUnit Jupiter's
 * API with scope {@code provided}: a test classpath has it, the executable jar does not need it.
 */
public final class DynamoDbEmulatorExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final Consumer<DynamoDbEmulator.Builder> settings;
    private final boolean startsOneItself;
    private final Deque<DynamoDbEmulator> forTheClass = new ArrayDeque<>();
    private final Deque<DynamoDbEmulator> forTheTest = new ArrayDeque<>();
    private boolean classRunning;
    private boolean testRunning;
    private @Nullable DynamoDbEmulator current;

    /** One emulator with the {@code DEFAULT_*} settings, per test or per class (see the class description). */
    public DynamoDbEmulatorExtension() {
        this(settings -> { });
    }

    /** One emulator with these settings, per test or per class (see the class description). */
    public DynamoDbEmulatorExtension(Consumer<DynamoDbEmulator.Builder> settings) {
        this(settings, true);
    }

    private DynamoDbEmulatorExtension(Consumer<DynamoDbEmulator.Builder> settings, boolean startsOneItself) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.startsOneItself = startsOneItself;
    }

    /** Starts no emulator by itself: each is started by {@link #start(Consumer)}, with the default settings first. */
    public static DynamoDbEmulatorExtension onDemand() {
        return onDemand(settings -> { });
    }

    /** Starts no emulator by itself: each is started by {@link #start(Consumer)}, with these settings first. */
    public static DynamoDbEmulatorExtension onDemand(Consumer<DynamoDbEmulator.Builder> settings) {
        return new DynamoDbEmulatorExtension(settings, false);
    }

    /**
     * The emulator of the running test or class: the one the extension started, or with {@link #onDemand} the one
     * most recently started by {@link #start(Consumer)}.
     *
     * @throws IllegalStateException when there is none
     */
    public synchronized DynamoDbEmulator emulator() {
        if (current == null) {
            throw new IllegalStateException(startsOneItself
                    ? "no emulator: the extension starts one for a test or a class it is registered with"
                    : "no emulator: start one with start(...) first");
        }
        return current;
    }

    /** The URI to point a client at, {@code http://127.0.0.1:<port>}: {@link #emulator()}'s endpoint. */
    public URI endpoint() {
        return emulator().endpoint();
    }

    /**
     * Starts another emulator with the extension's settings and then {@code more}, for the rest of the running test,
     * or of the class when called from a {@code @BeforeAll} method.
     *
     * @return the started emulator
     * @throws IllegalStateException    outside a test or class the extension is registered with
     * @throws IllegalArgumentException naming an invalid setting, as {@link DynamoDbEmulator.Builder#build()}
     */
    public synchronized DynamoDbEmulator start(Consumer<DynamoDbEmulator.Builder> more) {
        Objects.requireNonNull(more, "more");
        if (!testRunning && !classRunning) {
            throw new IllegalStateException("start emulators from a test, a @BeforeEach or a @BeforeAll method");
        }
        DynamoDbEmulator started = startInto(testRunning ? forTheTest : forTheClass, more);
        if (!startsOneItself) {
            current = started;
        }
        return started;
    }

    /** As {@link #start(Consumer)} with no more settings than the extension's. */
    public DynamoDbEmulator start() {
        return start(builder -> { });
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        classRunning = true;
        if (startsOneItself) {
            current = startInto(forTheClass, builder -> { });
        }
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        testRunning = true;
        if (startsOneItself && current == null) {
            current = startInto(forTheTest, builder -> { });
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        testRunning = false;
        if (forTheTest.contains(current)) {
            current = null;
        }
        closeAll(forTheTest);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        classRunning = false;
        current = null;
        closeAll(forTheClass);
    }

    private DynamoDbEmulator startInto(Deque<DynamoDbEmulator> scope, Consumer<DynamoDbEmulator.Builder> more) {
        DynamoDbEmulator.Builder builder = DynamoDbEmulator.builder();
        settings.accept(builder);
        more.accept(builder);
        DynamoDbEmulator emulator = builder.build();
        emulator.start();
        scope.push(emulator);
        return emulator;
    }

    /** Closes every emulator of a scope, latest first, and then throws the first failure, if any. */
    private static void closeAll(Deque<DynamoDbEmulator> scope) {
        RuntimeException failure = null;
        while (!scope.isEmpty()) {
            try {
                scope.pop().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public synchronized String toString() {
        return "DynamoDbEmulatorExtension[" + (current == null ? "no emulator" : current) + "]";
    }
}
