package io.github.ddbbackup.examples;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One emulator for a test class, run by {@link DynamoDbEmulatorExtension}, with tables {@code t-0..}; its counts are
 * reset before each test, so that a test sees exactly the requests its own command sent. Register it as a static
 * field.
 */
final class CountedEmulator implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();
    private final int tables;
    private DynamoDbEmulator emulator;

    CountedEmulator(int tables) {
        this.tables = tables;
    }

    /** The running emulator (from the class's first callback on). */
    DynamoDbEmulator get() {
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulators.beforeAll(context);
        emulator = Cli.emulator(emulators, tables);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulators.beforeEach(context);
        emulator.stats().reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulators.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulators.afterAll(context);
    }
}
