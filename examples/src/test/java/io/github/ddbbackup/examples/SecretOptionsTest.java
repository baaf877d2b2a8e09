package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets on the command line: the Redis password from a file or the environment instead of the process list, never
 * sent in plain text to another machine unless asked, and never echoed (nor an endpoint's user info) in any message.
 * None of these runs reaches Redis: each is decided before the first permit.
 */
class SecretOptionsTest {

    private static final String SECRET = "s3cret-Pa55";

    @TempDir
    Path dir;

    private static void assertNoSecret(Cli.Result result) {
        assertFalse(result.out().contains(SECRET) || result.err().contains(SECRET), result.out() + result.err());
    }

    @Test
    void passwordInTheRedisUrlIsUsedWithAWarningAboutTheProcessList() {
        Cli.Result result = Cli.run("backup", "--local", "3", "--dry-run", "--redis",
                "redis://:" + SECRET + "@127.0.0.1:6379");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertTrue(result.err().contains("the --redis URL holds a password, which every user of this machine can read"
                + " in the process list: use --redis-password-file FILE or DDB_BACKUP_REDIS_PASSWORD"), result.err());
        assertNoSecret(result);
    }

    @Test
    void passwordOverPlainRedisToAnotherMachineIsRefused() {
        Cli.Result result = Cli.run("backup", "--local", "3", "--redis", "redis://:" + SECRET + "@10.1.2.3:6379");

        assertEquals(DdbBackup.EXIT_USAGE, result.code());
        assertTrue(result.err().contains("--redis: a password would be sent unencrypted to 10.1.2.3 (redis://): use"
                + " rediss:// (TLS), or --redis-allow-plaintext-password"), result.err());
        assertNoSecret(result);
    }

    @Test
    void plainTextPasswordIsAcceptedWhenAskedFor() {
        Cli.Result result = Cli.run("backup", "--local", "3", "--dry-run", "--redis-allow-plaintext-password",
                "--redis", "redis://:" + SECRET + "@10.1.2.3:6379");

        assertEquals(DdbBackup.EXIT_OK, result.code(), result.err());
        assertNoSecret(result);
    }

    @Test
    void passwordFileIsReadAndNeverPrinted() throws IOException {
        Path file = dir.resolve("redis-password");
        Files.writeString(file, SECRET + "\n");

        // The password from the file is what makes this plain-text connection to another machine refused.
        Cli.Result refused = Cli.run("backup", "--local", "3", "--redis", "redis://10.1.2.3:6379",
                "--redis-password-file", file.toString());
        Cli.Result withoutPassword = Cli.run("backup", "--local", "3", "--dry-run", "--redis",
                "redis://10.1.2.3:6379");

        assertEquals(DdbBackup.EXIT_USAGE, refused.code(), refused.err());
        assertTrue(refused.err().contains("a password would be sent unencrypted"), refused.err());
        assertNoSecret(refused);
        assertEquals(DdbBackup.EXIT_OK, withoutPassword.code(), withoutPassword.err());
        assertFalse(withoutPassword.err().contains("password"), withoutPassword.err());
    }

    @Test
    void emptyPasswordFileIsAUsageErrorNamingTheFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty"));

        Cli.Result result = Cli.run("backup", "--local", "3", "--redis", "rediss://127.0.0.1:6379",
                "--redis-password-file", file.toString());

        assertEquals(DdbBackup.EXIT_USAGE, result.code());
        assertTrue(result.err().contains("--redis-password-file: " + file + " violates a password on its first line"),
                result.err());
    }

    @Test
    void passwordFromTheEnvironmentIsUsed() {
        Cli.Result result = Cli.run(Map.of(RedisOptions.PASSWORD_VARIABLE, SECRET), "backup", "--local", "3",
                "--redis", "redis://10.1.2.3:6379");

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.err());
        assertTrue(result.err().contains("a password would be sent unencrypted to 10.1.2.3"), result.err());
        assertNoSecret(result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://:s3cret-Pa55@", "redis://:pa/s3cret-Pa55@127.0.0.1:6379",
            "http://user:s3cret-Pa55@127.0.0.1:6379", "redis://u:s3cret-Pa55 x@127.0.0.1:6379/zz"})
    void malformedRedisUrlIsNeverEchoedWithItsPassword(String url) {
        Cli.Result result = Cli.run("backup", "--local", "3", "--redis", url);

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertNoSecret(result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://AKIAEXAMPLE:s3cret-Pa55@bad_host.example", "https://AKIAEXAMPLE:s3cret-Pa55 x@h",
            "https://AKIAEXAMPLE:s3cret-Pa55@dynamodb.example.com/path"})
    void endpointUserInfoIsNeverEchoed(String endpoint) {
        Cli.Result result = Cli.run("backup", "--tables", "orders", "--endpoint", endpoint, "--region", "us-east-1");

        assertEquals(DdbBackup.EXIT_USAGE, result.code(), result.out() + result.err());
        assertNoSecret(result);
        assertFalse(result.err().contains("AKIAEXAMPLE"), result.err());
    }
}
