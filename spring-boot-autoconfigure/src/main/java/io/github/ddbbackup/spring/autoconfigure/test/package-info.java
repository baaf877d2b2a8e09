/**
 * Public API for tests: {@link io.github.ddbbackup.spring.autoconfigure.test.AutoConfigureDynamoDbBackupEmulator} on
 * a {@code @SpringBootTest} (or a slice) starts the in-process DynamoDB emulator for the test's application context and
 * points the auto-configured client at it. Needs {@code ddb-backup-emulator} on the test classpath.
 */
@NullMarked
package io.github.ddbbackup.spring.autoconfigure.test;

import org.jspecify.annotations.NullMarked;
