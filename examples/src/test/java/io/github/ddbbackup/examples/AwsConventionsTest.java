package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code --region} and {@code --endpoint}, the target comes from where the AWS CLI finds it: the environment
 * and the profile in {@code AWS_CONFIG_FILE}. The loopback rules apply to the endpoint wherever it came from.
 */
@Timeout(60)
class AwsConventionsTest {

    @RegisterExtension
    static final CountedEmulator EMULATOR = new CountedEmulator(3);

    @TempDir
    Path dir;

    @Test
    void regionFromTheProfileNamedByAwsProfileAndEndpointFromAwsEndpointUrlDynamodb() throws IOException {
        Path config = config("[profile ops]\nregion = " + EMULATOR.get().region() + "\n");

        Cli.Result result = Cli.run(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_PROFILE", "ops",
                "AWS_ENDPOINT_URL_DYNAMODB", EMULATOR.get().endpoint().toString()), "backup", "--tables", "t-0,t-1");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(2, EMULATOR.get().stats().callCount("CreateBackup"));
        assertTrue(result.out().contains("(" + EMULATOR.get().region() + ")"), result.out());
    }

    @Test
    void regionFromAwsDefaultRegionCompletesAnEndpointOption() {
        Cli.Result result = Cli.run(Map.of("AWS_DEFAULT_REGION", EMULATOR.get().region(),
                "AWS_CONFIG_FILE", dir.resolve("none").toString()),
                "list", "--endpoint", EMULATOR.get().endpoint().toString());

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(EMULATOR.get().stats().requestCount("ListBackups") >= 1,
                EMULATOR.get().stats().requests().toString());
    }

    @Test
    void awsRegionComesBeforeTheProfilesRegion() throws IOException {
        Path config = config("[default]\nregion = eu-north-9\nendpoint_url = " + EMULATOR.get().endpoint() + "\n");

        Cli.Result result = Cli.run(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_REGION", EMULATOR.get().region()),
                "backup", "--tables", "t-2");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("(" + EMULATOR.get().region() + ")"), result.out());
    }

    @Test
    void rateZeroIsAllowedForAProfilesLoopbackEndpointUrl() throws IOException {
        Path config = config("[profile local]\nregion = " + EMULATOR.get().region() + "\nendpoint_url = "
                + EMULATOR.get().endpoint() + "\n");

        Cli.Result result = Cli.run(Map.of("AWS_CONFIG_FILE", config.toString()),
                "backup", "--profile", "local", "--tables", "t-0", "--rate", "0");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.out() + result.err());
        assertEquals(1, EMULATOR.get().stats().callCount("CreateBackup"));
    }

    @Test
    void rateZeroAndRateAboveFiftyAreRefusedForAnAwsEndpointFromTheEnvironment() {
        for (String rate : List.of("0", "51")) {
            Cli.Result result = Cli.run(Map.of("AWS_REGION", "eu-west-1", "AWS_CONFIG_FILE", dir.resolve("none")
                    .toString(), "AWS_ENDPOINT_URL", "https://dynamodb.eu-west-1.amazonaws.com"),
                    "backup", "--all", "--rate", rate);

            assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
            assertTrue(result.err().contains("only allowed for an endpoint on this machine"), result.err());
        }
    }

    @Test
    void nothingNamingARegionIsAUsageErrorThatSaysWhereARegionCanBe() {
        Cli.Result result = Cli.run(Map.of("AWS_CONFIG_FILE", dir.resolve("none").toString()), "backup", "--all");

        assertEquals(DdbBackup.EXIT_USAGE, result.code());
        assertTrue(result.err().contains("--region R, AWS_REGION, AWS_DEFAULT_REGION or region in the profile"
                + " 'default'"), result.err());
    }

    private Path config(String content) throws IOException {
        return Files.writeString(dir.resolve("config"), content);
    }
}
