package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.internal.LoopbackHosts;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.examples.Report.Status;
import io.github.ddbbackup.examples.Report.TableResult;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What an earlier, possibly interrupted, job already did ({@code --resume FILE}): the tables it backed up, which this
 * job skips, carrying their backups into its own report so that a resumed job can itself be resumed.
 *
 * <p>The report is rewritten while a job runs, not after every table, so a job killed outright may have created a few
 * backups its report does not show yet. {@link #withBackupsListedSince} closes that gap: every table with a backup
 * created since the earlier job started counts as backed up too.
 */
final class EarlierRun {

    /**
     * Backups created this long before the earlier job's start count too: the start is recorded in whole seconds by
     * this machine's clock, and DynamoDB's clock may differ a little.
     */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    private final Map<String, TableResult> backedUp;
    /** The accounts the earlier report's ARNs name, for the account check. */
    private final List<AccountCheck.Claim> accountClaims;
    private final Optional<Instant> startedAt;
    /** Where the earlier report's backups are; empty when there is no earlier report. */
    private final Optional<Origin> from;

    /** The endpoint and region an earlier report names (as written: either may be missing from the file). */
    private record Origin(String endpoint, String region) {
    }

    private EarlierRun(Map<String, TableResult> backedUp, List<AccountCheck.Claim> accountClaims,
                       Optional<Instant> startedAt, Optional<Origin> from) {
        this.backedUp = Map.copyOf(backedUp);
        this.accountClaims = List.copyOf(accountClaims);
        this.startedAt = startedAt;
        this.from = from;
    }

    /** No earlier run: nothing is skipped. */
    static EarlierRun none() {
        return new EarlierRun(Map.of(), List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * Checks that the earlier report is of this endpoint and region: another's tables were never backed up here, and
     * skipping them would leave them without a backup. The in-process emulator gets a new port each run: for it, any
     * loopback endpoint of the same region matches.
     *
     * @throws IllegalArgumentException naming both targets when they differ
     */
    void requireSameTarget(String endpoint, String region, boolean inProcess) {
        if (from.isEmpty()) {
            return;
        }
        String earlierEndpoint = String.valueOf(from.get().endpoint());
        String earlierRegion = String.valueOf(from.get().region());
        boolean sameEndpoint = inProcess ? isLoopback(earlierEndpoint)
                : normalized(earlierEndpoint).equals(normalized(endpoint));
        if (!sameEndpoint || !earlierRegion.equals(region)) {
            throw new IllegalArgumentException("the report is of " + earlierEndpoint + " (" + earlierRegion
                    + "), this job backs up " + endpoint + " (" + region + "): resume only from a report of the same"
                    + " endpoint and region");
        }
    }

    private static boolean isLoopback(String endpoint) {
        try {
            String host = URI.create(endpoint).getHost();
            return host != null && LoopbackHosts.isLoopback(host);
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }

    private static String normalized(String endpoint) {
        String lower = endpoint.toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * The tables an earlier report shows as backed up: CREATED, or SKIPPED because a run before it backed them up.
     * Reads the file: call it off the event loops.
     *
     * @throws IllegalArgumentException when the file is missing or is not a report
     */
    static EarlierRun fromReport(Path file) {
        Report report = ReportFile.read(file);
        String reason = "backed up by an earlier run (" + file.getFileName() + ")";
        Map<String, TableResult> backedUp = new HashMap<>();
        for (TableResult result : report.tables()) {
            if (result.backedUp()) {
                backedUp.put(ExplicitTables.nameOf(result.table()), result.carriedOver(reason));
            }
        }
        return new EarlierRun(backedUp, accountClaims(report, file),
                Optional.ofNullable(report.startedAt()).map(EarlierRun::parseInstant),
                Optional.of(new Origin(report.endpoint(), report.region())));
    }

    /**
     * With {@code --regions}: the earlier run in each region its report names (a {@code --regions} report, its
     * entries naming their regions, or the report of a one-region job). Each part is checked against its region's
     * target as {@link #requireSameTarget} checks a one-region job's, and skips only its own region's tables: a table
     * backed up in us-east-1 is not backed up in eu-west-1. Reads the file: call it off the event loops.
     *
     * @throws IllegalArgumentException when the file is missing or is not a report
     */
    static Map<String, EarlierRun> byRegion(Path file) {
        Report report = ReportFile.read(file);
        List<String> regions = List.of(String.valueOf(report.region()).split(","));
        List<String> endpoints = List.of(String.valueOf(report.endpoint()).split(", "));
        if (endpoints.size() != regions.size()) {
            throw new IllegalArgumentException("the report names " + Plural.of(regions.size(), "region") + " ("
                    + report.region() + ") and " + Plural.of(endpoints.size(), "endpoint") + ": it is not a report"
                    + " of this tool");
        }
        String reason = "backed up by an earlier run (" + file.getFileName() + ")";
        Map<String, Map<String, TableResult>> backedUp = new LinkedHashMap<>();
        regions.forEach(region -> backedUp.put(region, new HashMap<>()));
        for (TableResult result : report.tables()) {
            String region = result.region() != null ? result.region() : regions.size() == 1 ? regions.get(0) : null;
            if (region == null || !backedUp.containsKey(region)) {
                throw new IllegalArgumentException("the entry of " + result.table() + " names "
                        + (region == null ? "no region" : "region " + region) + ", which is not one of the report's ("
                        + report.region() + ")");
            }
            if (result.backedUp()) {
                backedUp.get(region).put(ExplicitTables.nameOf(result.table()), result.carriedOver(reason));
            }
        }
        List<AccountCheck.Claim> claims = accountClaims(report, file);
        Optional<Instant> startedAt = Optional.ofNullable(report.startedAt()).map(EarlierRun::parseInstant);
        Map<String, EarlierRun> byRegion = new LinkedHashMap<>();
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            byRegion.put(region, new EarlierRun(backedUp.getOrDefault(region, Map.of()), claims, startedAt,
                    Optional.of(new Origin(endpoints.get(i), region))));
        }
        return byRegion;
    }

    /**
     * The accounts of the report's ARNs (tables named by ARN, and backups), one claim per account: a report of
     * another account's tables must not skip this account's.
     */
    private static List<AccountCheck.Claim> accountClaims(Report report, Path file) {
        return report.tables().stream()
                .flatMap(result -> Stream.of(result.table(), result.backupArn()))
                .filter(arn -> arn != null && arn.startsWith("arn:") && arn.split(":", 6).length == 6)
                .map(arn -> arn.split(":", 6)[4])
                .distinct()
                .map(account -> new AccountCheck.Claim("--resume", "the report " + file.getFileName(), account))
                .toList();
    }

    /** The accounts the earlier report names, for the account check; none without a report. */
    List<AccountCheck.Claim> accountClaims() {
        return accountClaims;
    }

    /**
     * Whether the earlier run backed up {@code table}, by its name or its ARN: the report is of the same region
     * ({@link #requireSameTarget}), so a name is one table whichever way either run spelled it.
     */
    boolean backedUp(String table) {
        return backedUp.containsKey(ExplicitTables.nameOf(table));
    }

    /** The entry for {@code table} in this run: SKIPPED, with the earlier backup. */
    @Nullable TableResult carriedOver(String table) {
        return backedUp.get(ExplicitTables.nameOf(table));
    }

    /** How many tables the earlier run backed up. */
    int size() {
        return backedUp.size();
    }

    /**
     * This earlier run, plus every table with a USER backup created since it started (one paged ListBackups over
     * the account): the backups it made but had not yet written into its report when it was stopped.
     */
    Mono<EarlierRun> withBackupsListedSince(DynamoDbBackupClient client) {
        if (startedAt.isEmpty()) {
            return Mono.just(this);
        }
        ListBackupsRequest since = ListBackupsRequest.builder()
                .backupType(BackupTypeFilter.USER)
                .timeRangeLowerBound(startedAt.get().minus(CLOCK_SKEW_ALLOWANCE))
                .build();
        return client.listBackups(since)
                .filter(backup -> backup.tableName().isPresent() && backup.backupArn().isPresent())
                .collect(() -> new HashMap<>(backedUp), (Map<String, TableResult> found, BackupSummary backup) -> {
                    // By name: a selection that names the table by its ARN finds it too (backedUp).
                    found.putIfAbsent(backup.tableName().get(), listed(backup.tableName().get(), backup));
                })
                .map(found -> new EarlierRun(found, accountClaims, startedAt, from));
    }

    private static TableResult listed(String table, BackupSummary backup) {
        return new TableResult(table, Status.SKIPPED, backup.backupName().orElse(null),
                backup.backupArn().orElseThrow(), backup.backupStatus().map(Object::toString).orElse(null), null,
                "backup found by ListBackups, created since the earlier run started", 0);
    }

    private static Instant parseInstant(String iso) {
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startedAt: '" + iso + "' violates an ISO-8601 instant", e);
        }
    }
}
