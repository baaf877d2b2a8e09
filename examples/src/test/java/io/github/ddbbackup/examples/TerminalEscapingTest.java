package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.DynamoDbEmulatorExtension;
import io.github.ddbbackup.emulator.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Text from outside (table names, DynamoDB's messages, the arguments themselves) reaches the terminal escaped. */
class TerminalEscapingTest {

    @RegisterExtension
    final DynamoDbEmulatorExtension emulators = DynamoDbEmulatorExtension.onDemand();

    private static final String HOSTILE = "red\u001b[31m, cleared\u001b[2J, back\r, hidden\u202e, bell\u0007";

    private static void assertPrintable(String text) {
        text.chars().forEach(c -> assertFalse(TerminalSafeWriter.isUnsafe((char) c),
                "unescaped U+" + Integer.toHexString(c) + " in: " + text));
    }

    @Test
    void serverMessagesInTheSummaryAreEscaped() {
        DynamoDbEmulator emulator = Cli.emulator(emulators, 1);
        emulator.faults().script("CreateBackup", Fault.error(400, "ValidationException", HOSTILE));

        Cli.Result result = Cli.run(Cli.against(emulator, "backup", "--tables", "t-0"));

        assertEquals(DdbBackup.EXIT_FAILED, result.code(), result.out() + result.err());
        assertTrue(result.out().contains("red\\u001b[31m, cleared\\u001b[2J, back\\u000d, hidden\\u202e, bell\\u0007"),
                result.out());
        assertPrintable(result.out());
        assertPrintable(result.err());
    }

    @Test
    void argumentsEchoedInUsageErrorsAreEscaped() {
        Cli.Result result = Cli.run("backup", "--local", "3", "--regex", "t-(" + HOSTILE);

        assertEquals(DdbBackup.EXIT_USAGE, result.code());
        assertTrue(result.err().contains("\\u001b[31m"), result.err());
        assertPrintable(result.err());
    }

    @Test
    void newlinesTabsAndPlainUnicodePassUnchanged() {
        StringWriter target = new StringWriter();
        PrintWriter writer = TerminalSafeWriter.wrap(new PrintWriter(target));

        writer.print("a\tb\nc é 表 \uD83D\uDE00");
        writer.print('\u001b');
        writer.print(new char[] {'x', '\u009b', 'y'});
        writer.println();
        writer.flush();

        assertEquals("a\tb\nc é 表 \uD83D\uDE00\\u001bx\\u009by" + System.lineSeparator(), target.toString());
    }
}
