package io.github.ddbbackup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.RawHttp.Signing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: options, what it prints, and usage errors (exit code 2). */
class EmulatorMainTest {

    private static final Pattern ENDPOINT = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void startsWithTablesAndPrintsTheEndpointAndCredentials() {
        EmulatorMain main = new EmulatorMain();
        new CommandLine(main).parseArgs("--port", "0", "--tables", "3", "--region", "eu-west-1",
                "--table-prefix", "app-", "--backup-creation-delay", "2s");
        StringWriter out = new StringWriter();
        try (DynamoDbEmulator emulator = main.start(new PrintWriter(out))) {
            Matcher endpoint = ENDPOINT.matcher(out.toString());
            assertTrue(endpoint.find(), out.toString());
            assertEquals(emulator.endpoint(), URI.create(endpoint.group(1)));
            assertTrue(out.toString().contains("AWS_REGION=eu-west-1"), out.toString());
            assertTrue(out.toString().contains("AWS_ACCESS_KEY_ID=" + DynamoDbEmulator.DEFAULT_ACCESS_KEY_ID),
                    out.toString());
            assertTrue(out.toString().contains("tables: 3 (app-0 .. app-2)"), out.toString());
            RawHttp.Response tables = RawHttp.post(emulator.endpoint(), "ListTables", "{}", Signing.as(emulator));
            assertEquals("{\"TableNames\":[\"app-0\",\"app-1\",\"app-2\"]}", tables.text());
            RawHttp.Response backup = RawHttp.post(emulator.endpoint(), "CreateBackup",
                    "{\"TableName\":\"app-0\",\"BackupName\":\"first\"}", Signing.as(emulator));
            assertTrue(backup.text().contains("\"BackupStatus\":\"CREATING\""), backup.text());
        }
    }

    @Test
    void durationsTakeShortAndIsoForms() {
        EmulatorMain.DurationConverter converter = new EmulatorMain.DurationConverter();
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(5), converter.convert("5s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofSeconds(7), converter.convert("PT7S"));
    }

    @Test
    void invalidOptionsAreUsageErrors() {
        for (String[] args : new String[][] {{"--port", "70000"}, {"--tables", "-1"}, {"--region", "nowhere"},
                {"--unknown"}}) {
            StringWriter err = new StringWriter();
            CommandLine command = new CommandLine(new EmulatorMain()).setErr(new PrintWriter(err));
            assertEquals(2, command.execute(args), String.join(" ", args));
            assertTrue(err.toString().contains("Usage: ddb-backup-emulator"), err.toString());
        }
    }

    @Test
    void helpPrintsUsage() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new EmulatorMain()).setOut(new PrintWriter(out));
        assertEquals(0, command.execute("--help"));
        assertTrue(out.toString().contains("--tables"), out.toString());
    }
}
