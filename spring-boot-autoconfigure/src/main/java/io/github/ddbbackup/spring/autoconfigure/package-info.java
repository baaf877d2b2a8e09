/**
 * Spring Boot auto-configuration of the ddb-backup {@link io.github.ddbbackup.reactor.DynamoDbBackupClient}: add
 * {@code ddb-backup-spring-boot-starter}, set {@code ddb.backup.*} properties, inject the client.
 */
@NullMarked
package io.github.ddbbackup.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
