/**
 * Public API for tests and local runs, not for production: {@link io.github.ddbbackup.emulator.DynamoDbEmulator}, an
 * in-process DynamoDB endpoint for the backup API (the JSON 1.0 protocol, SigV4 verification, DynamoDB's errors and
 * rate limits), with deterministic fault injection ({@link io.github.ddbbackup.emulator.FaultInjector},
 * {@link io.github.ddbbackup.emulator.Fault}) and statistics for assertions
 * ({@link io.github.ddbbackup.emulator.EmulatorStats}). {@link io.github.ddbbackup.emulator.EmulatorMain} runs it
 * as a stand-alone server. The request handling and stored state are package-private.
 */
@NullMarked
package io.github.ddbbackup.emulator;

import org.jspecify.annotations.NullMarked;
