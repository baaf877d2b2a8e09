package io.github.ddbbackup.spring.autoconfigure.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Starts a {@link io.github.ddbbackup.emulator.DynamoDbEmulator} on 127.0.0.1 for the test's application context and
 * points the auto-configured {@code DynamoDbBackupClient} at it (endpoint, region and the emulator's keys), whatever
 * {@code ddb.backup.*} says; closed with the context. Imports the client's auto-configuration too, so it also works on
 * a slice ({@code @WebFluxTest}) that would not configure the client. Inject the emulator bean to create tables or
 * script faults:
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureDynamoDbBackupEmulator
 * class BackupServiceTest {
 *     @Autowired DynamoDbEmulator emulator;
 *     @Autowired DynamoDbBackupClient client;
 * }
 * }</pre>
 *
 * <p>A {@code DynamoDbEmulator} bean of the application's own (other settings, say) is used instead of a new one.
 * Needs {@code io.github.ddbbackup:ddb-backup-emulator} on the test classpath.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureDynamoDbBackupEmulator {
}
