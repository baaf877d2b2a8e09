/**
 * Public API: Spring Boot auto-configuration of the ddb-backup
 * {@link io.github.ddbbackup.reactor.DynamoDbBackupClient}: add {@code ddb-backup-spring-boot-starter}, set
 * {@code ddb.backup.*} properties ({@link io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupProperties}), inject
 * the client. Applications adjust what the properties cannot say with a
 * {@link io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupClientBuilderCustomizer} bean, and a Redis-backed
 * rate limiter is configured when {@code ddb-backup-rate-limit-redis} is on the class path. Bulk jobs stop with the
 * application through {@link io.github.ddbbackup.spring.autoconfigure.DynamoDbBackupShutdownSignal}.
 */
@NullMarked
package io.github.ddbbackup.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
