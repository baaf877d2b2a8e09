package io.github.ddbbackup.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Wiring the client cannot use safely stops start-up with a report naming what to fix, instead of a silent fallback
 * to the AWS SDK's defaults; {@code ddb.backup.enabled}; where the region comes from, never instance metadata.
 */
@ExtendWith(OutputCaptureExtension.class)
class WrongWiringTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final DynamoDbEmulatorExtension dynamoDb = DynamoDbEmulatorExtension.onDemand();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DynamoDbBackupAutoConfiguration.class));

    @Test
    void twoCredentialsProvidersAndNoneChosenFailStartUpNamingBoth() {
        runner.withPropertyValues("ddb.backup.region=eu-west-1")
                .withBean("vaultKeys", AwsCredentialsProvider.class, () -> keys("AKIAVAULT"))
                .withBean("instanceRole", AwsCredentialsProvider.class, () -> keys("AKIAROLE"))
                .run(context -> {
                    FailureAnalysis analysis = InvalidPropertiesTest.failureAnalysis(context.getStartupFailure());
                    assertThat(analysis.getDescription()).isEqualTo("The DynamoDB backup client needs one "
                            + "AwsCredentialsProvider, but the application has 2 and none is @Primary: 'vaultKeys', "
                            + "'instanceRole'.");
                    assertThat(analysis.getAction()).isEqualTo("Mark one of them @Primary, or set "
                            + "ddb.backup.credentials-provider-bean to the name of the one to use, or define only one.");
                });
    }

    @Test
    void thePrimaryCredentialsProviderSignsWhenThereAreSeveral() {
        DynamoDbEmulator emulator = dynamoDb.start();
        emulator.createTable("orders");
        againstEmulator(emulator)
                .withBean("wrongKeys", AwsCredentialsProvider.class, () -> keys("AKIAWRONG"))
                .withBean("emulatorKeys", AwsCredentialsProvider.class, WrongWiringTest::emulatorKeys,
                        definition -> definition.setPrimary(true))
                .run(context -> assertThat(context.getBean(DynamoDbBackupClient.class).listTables().collectList()
                        .block(WAIT)).containsExactly("orders"));
    }

    @Test
    void credentialsProviderBeanChoosesAmongSeveral() {
        DynamoDbEmulator emulator = dynamoDb.start();
        emulator.createTable("orders");
        againstEmulator(emulator)
                .withBean("wrongKeys", AwsCredentialsProvider.class, () -> keys("AKIAWRONG"))
                .withBean("emulatorKeys", AwsCredentialsProvider.class, WrongWiringTest::emulatorKeys)
                .withPropertyValues("ddb.backup.credentials-provider-bean=emulatorKeys")
                .run(context -> assertThat(context.getBean(DynamoDbBackupClient.class).listTables().collectList()
                        .block(WAIT)).containsExactly("orders"));
    }

    @Test
    void credentialsProviderBeanNamingNoSuchBeanFailsStartUp() {
        runner.withPropertyValues("ddb.backup.region=eu-west-1", "ddb.backup.credentials-provider-bean=vault")
                .withBean("vaultKeys", AwsCredentialsProvider.class, () -> keys("AKIAVAULT"))
                .run(context -> {
                    FailureAnalysis analysis = InvalidPropertiesTest.failureAnalysis(context.getStartupFailure());
                    assertThat(analysis.getDescription()).isEqualTo("ddb.backup.credentials-provider-bean=vault names "
                            + "no AwsCredentialsProvider bean; the application has 'vaultKeys'.");
                    assertThat(analysis.getAction())
                            .isEqualTo("Set ddb.backup.credentials-provider-bean to the name of one of them, or remove it.");
                });
    }

    @Test
    void enabledFalseCreatesNoClientAndNeedsNoRegion() {
        runner.withPropertyValues("ddb.backup.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DynamoDbBackupClient.class)
                        .doesNotHaveBean(DynamoDbBackupProperties.class));
    }

    @Test
    void noRegionAnywhereFailsStartUpWithoutAskingTheInstanceMetadataService(@TempDir Path home) throws IOException {
        AtomicInteger metadataRequests = new AtomicInteger();
        HttpServer metadata = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metadata.createContext("/", exchange -> {
            metadataRequests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        metadata.start();
        Map<String, String> settings = Map.of(
                "aws.ec2MetadataServiceEndpoint", "http://127.0.0.1:" + metadata.getAddress().getPort(),
                "aws.configFile", home.resolve("config").toString(),
                "aws.sharedCredentialsFile", home.resolve("credentials").toString());
        Map<String, String> before = new java.util.HashMap<>();
        settings.forEach((key, value) -> {
            before.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
        try {
            // The AWS SDK's default chain, which the client used before, does ask it: the stub sees that.
            try {
                DefaultAwsRegionProviderChain.builder().build().getRegion();
            } catch (SdkClientException expected) {
                // no region there either
            }
            assertThat(metadataRequests.get()).as("the SDK's chain asks instance metadata").isPositive();
            metadataRequests.set(0);

            runner.run(context -> {
                FailureAnalysis analysis = InvalidPropertiesTest.failureAnalysis(context.getStartupFailure());
                assertThat(analysis.getDescription()).isEqualTo("No AWS region for the DynamoDB backup client: "
                        + "ddb.backup.region is not set, nor spring.cloud.aws.region.static, the aws.region system "
                        + "property, AWS_REGION, or a region in the AWS profile \"default\", and the application has no "
                        + "AwsRegionProvider bean. The instance metadata service is not asked at start-up.");
                assertThat(analysis.getAction()).isEqualTo("Set ddb.backup.region, for example "
                        + "ddb.backup.region=eu-west-1 (or AWS_REGION, or spring.cloud.aws.region.static with "
                        + "Spring Cloud AWS).");
            });
            assertThat(metadataRequests.get()).as("requests to instance metadata").isZero();
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
            metadata.stop(0);
        }
    }

    @Test
    void springCloudAwsStaticRegionIsUsed() {
        runner.withPropertyValues("spring.cloud.aws.region.static=eu-central-1")
                .run(context -> assertThat(context.getBean(DynamoDbBackupClient.class).region())
                        .isEqualTo("eu-central-1"));
    }

    @Test
    void anAwsRegionProviderBeanIsUsedBeforeSpringCloudAwsProperty() {
        runner.withPropertyValues("spring.cloud.aws.region.static=eu-central-1")
                .withBean(AwsRegionProvider.class, () -> () -> Region.AP_SOUTHEAST_2)
                .run(context -> assertThat(context.getBean(DynamoDbBackupClient.class).region())
                        .isEqualTo("ap-southeast-2"));
    }

    @Test
    void ddbBackupRegionWinsOverEveryOtherSource() {
        runner.withPropertyValues("ddb.backup.region=eu-west-3", "spring.cloud.aws.region.static=eu-central-1")
                .withBean(AwsRegionProvider.class, () -> () -> Region.AP_SOUTHEAST_2)
                .run(context -> assertThat(context.getBean(DynamoDbBackupClient.class).region())
                        .isEqualTo("eu-west-3"));
    }

    @Test
    void aRegionSetByACustomizerNeedsNoOtherSource() {
        runner.withBean(DynamoDbBackupClientBuilderCustomizer.class, () -> builder -> builder.region("sa-east-1"))
                .run(context -> assertThat(context.getBean(DynamoDbBackupClient.class).region())
                        .isEqualTo("sa-east-1"));
    }

    @Test
    void aRegionNoPartitionKnowsIsWarnedAboutNamingTheClosestFirst(CapturedOutput output) {
        runner.withPropertyValues("ddb.backup.region=eu-wst-1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output.getErr()).contains("WARN " + DynamoDbBackupAutoConfiguration.class.getName()
                    + " - Region eu-wst-1 of the DynamoDB backup client is known to no AWS partition of this AWS SDK; "
                    + "did you mean eu-west-1? Known regions: eu-west-1, ");
        });
    }

    @Test
    void aKnownRegionIsNotWarnedAbout(CapturedOutput output) {
        runner.withPropertyValues("ddb.backup.region=eu-west-1").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output.getErr()).doesNotContain("known to no AWS partition");
        });
    }

    private ApplicationContextRunner againstEmulator(DynamoDbEmulator emulator) {
        return runner.withPropertyValues("ddb.backup.region=" + emulator.region(),
                "ddb.backup.endpoint=" + emulator.endpoint());
    }

    private static AwsCredentialsProvider keys(String accessKeyId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "not-the-emulators-secret"));
    }

    private static AwsCredentialsProvider emulatorKeys() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID,
                DynamoDbEmulator.DEFAULT_SECRET_ACCESS_KEY));
    }
}
