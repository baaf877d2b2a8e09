package io.github.ddbbackup.examples.webflux;

import io.github.ddbbackup.reactor.BackupPlan;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An example WebFlux service over the auto-configured {@link io.github.ddbbackup.reactor.DynamoDbBackupClient}: create
 * a backup, list backups, back up many tables while streaming each outcome. Errors are RFC 9457 problem details.
 *
 * <p>Against the in-process emulator: {@code java -jar ddb-backup-examples-webflux.jar --spring.profiles.active=local}.
 */
@SpringBootApplication
public class BackupServiceApplication {

    /** Backup names and bulk defaults: {@link BackupPlan#DEFAULT} ({@code {table}-{timestamp}}). */
    @Bean
    BackupPlan backupPlan() {
        return BackupPlan.DEFAULT;
    }

    public static void main(String[] args) {
        SpringApplication.run(BackupServiceApplication.class, args);
    }
}
