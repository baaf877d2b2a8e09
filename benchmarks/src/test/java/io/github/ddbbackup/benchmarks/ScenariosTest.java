package io.github.ddbbackup.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each scenario end to end at a small size, as the jar runs it: exit code and report. Performance is never asserted;
 * that the report is complete and the calls succeeded is.
 */
class ScenariosTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(240)
    void compareRunsBothClientsAndReportsRatios() {
        int exit = run("compare", "--calls", "300", "--rounds", "2", "--warmup", "300", "--concurrency", "16",
                "--round-timeout", "PT90S");
        String out = output();
        assertEquals(0, exit, out);
        for (String line : new String[] {"round 1 ours", "round 1 sdk", "round 2 sdk", "round 2 ours",
                "calls per client CPU-second", "latency p99, ms", "live threads", "target: >= 2x"}) {
            assertTrue(out.contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        assertEquals(4, count(out, "\\| failed 0"), out);
        assertTrue(out.contains("threads of ours: {") && out.contains("reactor-http"), out);
        assertTrue(out.contains("threads of sdk: {") && out.contains("aws-java-sdk"), out);
    }

    @Test
    @Timeout(240)
    void compareOfOursWithAndWithoutMetersRunsBothAndReportsWhatTheMetersCost() {
        int exit = run("compare", "--sides", "ours,ours-metered", "--calls", "300", "--rounds", "2", "--warmup", "300",
                "--concurrency", "16", "--round-timeout", "PT90S");
        String out = output();
        assertEquals(0, exit, out);
        for (String line : new String[] {"round 1 ours ", "round 1 ours-metered", "round 2 ours-metered",
                "client CPU per call, us", "target: client CPU per call with meters within 10% of without"}) {
            assertTrue(out.contains(line), "missing \"" + line + "\" in:\n" + out);
        }
        assertFalse(out.contains("target: >= 2x"), "no SDK side, no SDK summary:\n" + out);
        assertEquals(4, count(out, "\\| failed 0"), out);
    }

    @Test
    @Timeout(180)
    void bulkBacksUpEveryTableWithinTheEmulatorsLimit() {
        int exit = run("bulk", "--tables", "75");
        String out = output();
        assertEquals(0, exit, out);
        // How many LimitExceeded answers a job meets depends on the machine's timing (the emulator counts arrivals
        // on the wall clock); what must hold on any machine is that each was answered by another attempt, and that
        // each table was admitted once.
        JobLine ours = JobLine.of("ours", out);
        assertEquals(75, ours.created(), out);
        assertEquals(0, ours.failed(), out);
        assertEquals(75, ours.callsAdmitted(), "one admitted call per table:\n" + out);
        assertEquals(ours.callsAdmitted() + ours.limitExceeded(), ours.httpAttempts(),
                "every LimitExceeded of ours was retried:\n" + out);
        // The SDK's job: an end for every table, and every request the emulator received admitted or refused. (Its
        // created count is not compared with the admitted calls: after a failed call the SDK can close a connection
        // the next call is already using, whose backup may then exist unreported; see the emulator's SdkClients.)
        JobLine sdk = JobLine.of("sdk", out);
        assertEquals(75, sdk.created() + sdk.failed(), "an end for every table of the SDK's:\n" + out);
        assertEquals(sdk.callsAdmitted() + sdk.limitExceeded(), sdk.httpAttempts(), out);
    }

    @Test
    @Timeout(240)
    void bulkWaitSeesEveryBackupOfOursAvailableAndReportsEachOperation() {
        int exit = run("bulk", "--wait", "--tables", "30", "--warmup", "2", "--backup-delay", "PT1S");
        String out = output();
        assertEquals(0, exit, out);
        JobLine ours = JobLine.of("ours", out);
        assertEquals(30, ours.created(), out);
        assertEquals(0, ours.failed(), out);
        assertTrue(out.contains("| AVAILABLE 30 of 30 | last AVAILABLE seen "), out);
        assertEquals(ours.callsAdmitted() + ours.limitExceeded(), ours.httpAttempts(), out);
        Matcher sdk = Pattern.compile("sdk +wall .*\\| failed ([\\d,]+) .*\\| AVAILABLE ([\\d,]+) of 30 \\|")
                .matcher(out);
        assertTrue(sdk.find(), out);
        assertEquals(30, Long.parseLong(sdk.group(1)) + Long.parseLong(sdk.group(2)),
                "an end for every table of the SDK's:\n" + out);
        for (String side : new String[] {"ours", "sdk "}) {
            for (String operation : new String[] {"CreateBackup", "DescribeBackup", "ListBackups"}) {
                assertTrue(Pattern.compile(side + " +" + operation + " [\\d,]+ requests \\([\\d,]+ admitted, [\\d,]+"
                        + " LimitExceeded\\), most arrivals in any 1 s \\d+\\n").matcher(out).find(),
                        side + operation + " in:\n" + out);
            }
        }
        assertTrue(out.contains("target: ours <= 2.6 s (floor + backups CREATING + 1 s)"), out);
    }

    @Test
    @Timeout(180)
    void bulkStartsTheCpuBurnersAndStopsThemAtTheEnd() {
        int exit = run("bulk", "--tables", "10", "--warmup", "1", "--sides", "ours", "--burners", "2");
        String out = output();
        assertEquals(0, exit, out);
        Matcher pids = Pattern.compile("load: 2 CPU burners \\(child JVMs, one spinning thread each; pids (\\d+),"
                + " (\\d+)\\)").matcher(out);
        assertTrue(pids.find(), out);
        assertTrue(out.contains("ours load average "), out);
        assertTrue(!out.contains("WARNING"), "a burner died during the job:\n" + out);
        for (int group = 1; group <= 2; group++) {
            long pid = Long.parseLong(pids.group(group));
            assertTrue(ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true),
                    "burner " + pid + " still running after the scenario");
        }
        assertTrue(!out.contains("sdk  wall"), "--sides ours runs ours only:\n" + out);
    }

    @Test
    @Timeout(240)
    void sharedBudgetBacksUpEveryTableOnceFromSeveralProcessesThroughOneRedisBucket() {
        int exit = run("shared-budget", "--processes", "2", "--tables", "40");
        String out = output();
        assertEquals(0, exit, out);
        assertEquals(2, count(out, "process \\d: exit 0 after [\\d.]+ s; backup: "), out);
        assertTrue(out.contains("2 processes | tables backed up 40 of 40 (exactly once: 40) | CreateBackup "), out);
        Matcher create = Pattern.compile("CreateBackup ([\\d,]+) requests \\(40 admitted, ([\\d,]+) LimitExceeded\\)")
                .matcher(out);
        assertTrue(create.find(), out);
        assertEquals(Long.parseLong(create.group(1)), 40 + Long.parseLong(create.group(2)),
                "every LimitExceeded retried, nothing else sent:\n" + out);
        assertTrue(out.contains("| CreateBackup buckets in Redis 1 |"), out);
        assertTrue(out.contains("target: at most 50 CreateBackup arrivals in any 1 s window: "), out);
    }

    /** The counts of one job's report line. */
    record JobLine(long created, long failed, long httpAttempts, long callsAdmitted, long limitExceeded) {

        private static final String COUNT = "([\\d,]+)";

        static JobLine of(String side, String out) {
            Matcher m = Pattern.compile(side + " +wall .*\\| created " + COUNT + " \\| failed " + COUNT
                    + " .*\\| HTTP attempts " + COUNT + " \\| calls admitted " + COUNT
                    + " \\| LimitExceededException " + COUNT + " \\|").matcher(out);
            assertTrue(m.find(), "no report line of " + side + " in:\n" + out);
            return new JobLine(number(m.group(1)), number(m.group(2)), number(m.group(3)), number(m.group(4)),
                    number(m.group(5)));
        }

        private static long number(String digits) {
            return Long.parseLong(digits.replace(",", ""));
        }
    }

    @Test
    @Timeout(180)
    void memoryScenarioCompletesInAChildJvmWithTheGivenHeap() {
        int exit = run("memory", "--tables", "1000", "--heap", "64m");
        String out = output();
        assertEquals(0, exit, out);
        assertTrue(out.contains("-Xmx64m"), out);
        assertTrue(out.contains("{CREATED=1000}"), out);
        assertTrue(out.contains("emulator counted 1,000 CreateBackup calls"), out);
        assertTrue(out.contains("heap: max"), out);
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertEquals(2, run("compare", "--calls", "0"));
        assertTrue(output().contains("--calls: 0 violates >= 1"), output());
        assertEquals(2, run("memory", "--heap", "lots"));
        assertTrue(output().contains("--heap: lots violates"), output());
        assertEquals(2, run("bulk", "--sides", "ours,theirs"));
        assertTrue(output().contains("--sides: theirs violates one of ours, sdk"), output());
        assertEquals(2, run("shared-budget", "--processes", "0"));
        assertTrue(output().contains("--processes: 0 violates >= 1"), output());
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
