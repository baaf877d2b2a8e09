package io.github.ddbbackup.examples;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One emulator for a test class ({@link Cli#emulator}: tables {@code t-0..}), its counts reset before each test, so
 * that a test sees exactly the requests its own command sent. Register it as a static field.
 */
final class CountedEmulator implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

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
        emulator = Cli.emulator(tables);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator.stats().reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }
}
