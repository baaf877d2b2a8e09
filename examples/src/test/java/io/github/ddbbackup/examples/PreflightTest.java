package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Before the first CreateBackup the job checks once that its requests are signed and reach the endpoint; when not, it
 * ends with one line saying what failed, not one failure per table.
 */
@Timeout(60)
class PreflightTest {

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();

    @Test
    void anUnreachableEndpointEndsTheJobWithOneLineAndNoTableFailures() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;

        Cli.Result result = Cli.run("backup", "--endpoint", endpoint, "--region", "us-east-1", "--tables",
                "t-0,t-1,t-2");

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("ddb-backup: cannot reach " + endpoint), result.err());
        assertTrue(result.err().contains("no backup was attempted"), result.err());
        assertFalse(result.out().contains("FAILED"), result.out());
    }

    @Test
    void credentialsTheEndpointRefusesEndTheJobWithOneLineAndNoCreateBackup() {
        // The emulator knows other keys than those the tests sign with (Cli's system properties).
        DynamoDbEmulator strict = emulators.start(settings -> settings
                .credentials("AKIAOTHERKEY00000000", "OtherSecret0000000000000000000000000000"));
        strict.createTables("t-", 3);

        Cli.Result result = Cli.run(Cli.against(strict, "backup", "--all"));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.err().contains("ddb-backup: " + strict.endpoint() + " refused the credentials: "),
                result.err());
        assertEquals(0, strict.stats().callCount("CreateBackup"));
        assertFalse(result.out().contains("FAILED"), result.out());
    }
}
