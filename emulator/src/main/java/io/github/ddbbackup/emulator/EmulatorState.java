package io.github.ddbbackup.emulator;

import io.github.ddbbackup.core.BackupDescription;
import io.github.ddbbackup.core.BackupDetails;
import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupType;
import io.github.ddbbackup.core.BackupTypeFilter;
import io.github.ddbbackup.core.GetResourcesRequest;
import io.github.ddbbackup.core.GetResourcesResponse;
import io.github.ddbbackup.core.ListBackupsRequest;
import io.github.ddbbackup.core.ListBackupsResponse;
import io.github.ddbbackup.core.ListTablesRequest;
import io.github.ddbbackup.core.ListTablesResponse;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.AttributeDefinition;
import io.github.ddbbackup.core.ContinuousBackupsDescription;
import io.github.ddbbackup.core.ContinuousBackupsDescription.PointInTimeRecoveryDescription;
import io.github.ddbbackup.core.ListTagsOfResourceResponse;
import io.github.ddbbackup.core.RestoreRequest;
import io.github.ddbbackup.core.SourceTableFeatureDetails.TimeToLiveDescription;
import io.github.ddbbackup.core.TableDescription;
import io.github.ddbbackup.core.Tag;
import io.github.ddbbackup.core.TimeToLiveSpecification;
import io.github.ddbbackup.core.UpdateContinuousBackupsRequest.PointInTimeRecoverySpecification;
import io.github.ddbbackup.emulator.TableShapes.CreateTableRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The tables and backups of the emulated account, and the rules DynamoDB applies to them. Every method takes the
 * instant of the call ({@code now}, from the emulator's clock) and is synchronized: calls are short and never block.
 */
final class EmulatorState {

    /** Page size of ListTables and ListBackups when the request has no Limit. */
    static final int DEFAULT_PAGE_SIZE = 100;

    /** How long DynamoDB keeps a SYSTEM backup of a deleted table. */
    static final Duration SYSTEM_BACKUP_RETENTION = Duration.ofDays(35);

    private static final Pattern TABLE_ARN = Pattern.compile(
            "arn:([a-z-]+):dynamodb:([a-z0-9-]+):(\\d{12}):table/([a-zA-Z0-9_.-]{3,255})");
    private static final Pattern BACKUP_ARN = Pattern.compile(
            "arn:[a-z-]+:dynamodb:[a-z0-9-]+:\\d{12}:table/[a-zA-Z0-9_.-]{3,255}/backup/\\d{14}-[0-9a-f]{8}");
    /** DynamoDB's limit on restores in progress at once in an account ("up to 50 concurrent restores"). */
    static final int MAX_RESTORES_IN_PROGRESS = 50;
    /** Tags per ListTagsOfResource page: DynamoDB documents none; small, so that paging is exercised. */
    static final int TAGS_PAGE_SIZE = 10;
    /** The most tags a resource may have. */
    static final int MAX_TAGS = 50;
    /** How long DynamoDB refuses another UpdateTimeToLive of a table after one. */
    static final Duration TIME_TO_LIVE_COOL_DOWN = Duration.ofHours(1);

    private static final Comparator<StoredBackup> CREATION_ORDER =
            Comparator.comparing(StoredBackup::createdAt).thenComparingLong(StoredBackup::sequence);

    private final String partition;
    private final String region;
    private final String accountId;
    private final Duration backupCreationDelay;
    private final boolean concurrentBackupsRejected;

    private final NavigableMap<String, StoredTable> tables = new TreeMap<>();
    private final Map<String, StoredBackup> backups = new LinkedHashMap<>();
    /** Every backup ever created, deleted ones too, so that a page can start after a backup deleted meanwhile. */
    private final Map<String, StoredBackup> positions = new HashMap<>();
    /** Per table id: its tags, time-to-live setting (and when it last changed), point-in-time recovery. */
    private final Map<String, NavigableMap<String, String>> tags = new HashMap<>();
    private final Map<String, TimeToLive> timeToLive = new HashMap<>();
    private final Map<String, Boolean> pointInTimeRecovery = new HashMap<>();
    /** The recovery period of each table with point-in-time recovery, in days (UpdateContinuousBackups'). */
    private final Map<String, Integer> recoveryPeriodInDays = new HashMap<>();
    /** DynamoDB's recovery period when UpdateContinuousBackups names none. */
    static final int DEFAULT_RECOVERY_PERIOD_IN_DAYS = PointInTimeRecoverySpecification.RECOVERY_DAYS_MAX;
    private long sequence;
    private int mostRestoresInProgress;

    private record TimeToLive(TimeToLiveSpecification setting, Instant changedAt) {
    }

    EmulatorState(String region, String accountId, Duration backupCreationDelay, boolean concurrentBackupsRejected) {
        this.region = region;
        this.accountId = accountId;
        this.partition = partitionOf(region);
        this.backupCreationDelay = backupCreationDelay;
        this.concurrentBackupsRejected = concurrentBackupsRejected;
    }

    /** The AWS partition of a region: {@code aws-cn} for China, {@code aws-us-gov} for GovCloud, else {@code aws}. */
    static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    String tableArn(String name) {
        return "arn:" + partition + ":dynamodb:" + region + ":" + accountId + ":table/" + name;
    }

    // ---- tables -------------------------------------------------------------------------------------------------

    synchronized TableDescription createTable(CreateTableRequest request, Instant now, Duration creationDelay) {
        if (tables.containsKey(request.tableName())) {
            throw ServiceError.resourceInUse("Table already exists: " + request.tableName());
        }
        long read = 0;
        long write = 0;
        if (request.provisionedThroughput() != null) {
            read = request.provisionedThroughput().readCapacityUnits();
            write = request.provisionedThroughput().writeCapacityUnits();
        }
        Instant createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        StoredTable table = new StoredTable(request.tableName(), randomTableId(),
                tableArn(request.tableName()), createdAt, createdAt.plus(creationDelay),
                request.attributeDefinitions(), request.keySchema(), request.billingMode(), read, write, true, 0L,
                Optional.empty());
        tables.put(table.name(), table);
        // DynamoDB always answers CreateTable with CREATING, however fast the table becomes ACTIVE.
        return table.description(StoredTable.CREATING);
    }

    /**
     * A random version 4 UUID, as DynamoDB's table ids are. Not {@link UUID#randomUUID()}: its SecureRandom may read
     * /dev/urandom, a blocking call on an event loop; an id needs no cryptographic strength.
     */
    private static String randomTableId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }

    /** A PAY_PER_REQUEST table keyed by the string attribute {@code pk}. */
    static CreateTableRequest simpleTable(String name) {
        return new CreateTableRequest(name, List.of(new AttributeDefinition("pk", "S")),
                List.of(new KeySchemaElement("pk", "HASH")), TableShapes.PAY_PER_REQUEST, null);
    }

    synchronized TableDescription describeTable(String nameOrArn, Instant now) {
        StoredTable table = tableOrThrow(nameOrArn, ServiceError::resourceNotFound);
        return table.description(table.status(now));
    }

    synchronized TableDescription deleteTable(String nameOrArn, Instant now) {
        StoredTable table = tableOrThrow(nameOrArn, ServiceError::resourceNotFound);
        if (!table.status(now).equals(StoredTable.ACTIVE)) {
            throw ServiceError.resourceInUse("Attempt to change a resource which is still in use: Table: "
                    + table.name() + " is in " + table.status(now) + " state");
        }
        tables.remove(table.name());
        forgetSettings(table);
        return table.description(StoredTable.DELETING);
    }

    private void forgetSettings(StoredTable table) {
        tags.remove(table.id());
        timeToLive.remove(table.id());
        pointInTimeRecovery.remove(table.id());
        recoveryPeriodInDays.remove(table.id());
    }

    // ---- restore ------------------------------------------------------------------------------------------------

    /**
     * A new table from an AVAILABLE backup: the backup's key schema, attribute definitions and item count, the
     * overrides' billing mode and capacity, CREATING for {@code restoreDelay}. Nothing else of the source (tags, time
     * to live, point-in-time recovery) is carried over, as in DynamoDB.
     */
    synchronized TableDescription restore(RestoreRequest request, Instant now, Duration restoreDelay) {
        StoredBackup backup = backupOrThrow(request.backupArn());
        if (backup.status(now).equals(BackupStatus.CREATING)) {
            throw ServiceError.backupInUse("Backup is being created and cannot be restored yet: "
                    + request.backupArn());
        }
        if (tables.containsKey(request.targetTableName())) {
            throw ServiceError.tableAlreadyExists(request.targetTableName());
        }
        long inProgress = tables.values().stream()
                .filter(table -> table.restoredFrom().isPresent() && table.status(now).equals(StoredTable.CREATING))
                .count();
        if (inProgress >= MAX_RESTORES_IN_PROGRESS) {
            throw ServiceError.limitExceeded("Too many restores in progress: at most " + MAX_RESTORES_IN_PROGRESS
                    + " restores may run at once in an account");
        }
        StoredTable source = backup.source();
        String billingMode = request.billingModeOverride() != null ? request.billingModeOverride()
                : source.billingMode();
        long read = TableShapes.PAY_PER_REQUEST.equals(billingMode) ? 0 : source.readCapacityUnits();
        long write = TableShapes.PAY_PER_REQUEST.equals(billingMode) ? 0 : source.writeCapacityUnits();
        if (request.provisionedThroughputOverride() != null) {
            read = request.provisionedThroughputOverride().readCapacityUnits();
            write = request.provisionedThroughputOverride().writeCapacityUnits();
        }
        Instant createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        StoredTable table = new StoredTable(request.targetTableName(), randomTableId(),
                tableArn(request.targetTableName()), createdAt, createdAt.plus(restoreDelay),
                source.attributeDefinitions(), source.keySchema(), billingMode, read, write, true,
                source.itemCount(), Optional.of(new StoredTable.Restore(backup.arn(), source.arn(), createdAt)));
        tables.put(table.name(), table);
        mostRestoresInProgress = (int) Math.max(mostRestoresInProgress, inProgress + 1);
        return table.description(StoredTable.CREATING);
    }

    /** The most restores that were in progress at once, at the instants restores were accepted. */
    synchronized int mostRestoresInProgress() {
        return mostRestoresInProgress;
    }

    // ---- tags, time to live, point-in-time recovery -------------------------------------------------------------

    synchronized ListTagsOfResourceResponse listTags(String resourceArn, @Nullable String nextToken) {
        StoredTable table = tableOrThrow(resourceArn, ServiceError::resourceNotFound);
        NavigableMap<String, String> all = tags.getOrDefault(table.id(), new TreeMap<>());
        NavigableMap<String, String> after = nextToken == null ? all : all.tailMap(nextToken, false);
        List<Tag> page = after.entrySet().stream().limit(TAGS_PAGE_SIZE)
                .map(tag -> new Tag(tag.getKey(), tag.getValue())).toList();
        boolean more = after.size() > page.size();
        return new ListTagsOfResourceResponse(page, more ? Optional.of(page.get(page.size() - 1).key())
                : Optional.empty());
    }

    synchronized void tag(String resourceArn, List<Tag> newTags) {
        StoredTable table = tableOrThrow(resourceArn, ServiceError::resourceNotFound);
        for (Tag tag : newTags) {
            if (tag.key().startsWith("aws:")) {
                throw ServiceError.validation("Tag keys starting with aws: are reserved for AWS: " + tag.key());
            }
        }
        NavigableMap<String, String> merged = new TreeMap<>(tags.getOrDefault(table.id(), new TreeMap<>()));
        newTags.forEach(tag -> merged.put(tag.key(), tag.value()));
        if (merged.size() > MAX_TAGS) {
            throw ServiceError.limitExceeded("A resource may have at most " + MAX_TAGS + " tags; "
                    + table.name() + " would have " + merged.size());
        }
        tags.put(table.id(), merged);
    }

    synchronized void untag(String resourceArn, List<String> keys) {
        StoredTable table = tableOrThrow(resourceArn, ServiceError::resourceNotFound);
        NavigableMap<String, String> current = tags.get(table.id());
        if (current != null) {
            keys.forEach(current::remove);
        }
    }

    synchronized TimeToLiveDescription describeTimeToLive(String nameOrArn) {
        StoredTable table = tableOrThrow(nameOrArn, ServiceError::resourceNotFound);
        TimeToLive ttl = timeToLive.get(table.id());
        if (ttl == null || !ttl.setting().enabled()) {
            return new TimeToLiveDescription(Optional.of("DISABLED"), Optional.empty());
        }
        return new TimeToLiveDescription(Optional.of("ENABLED"), Optional.of(ttl.setting().attributeName()));
    }

    synchronized TimeToLiveSpecification updateTimeToLive(String nameOrArn, TimeToLiveSpecification setting,
                                                          Instant now) {
        StoredTable table = tableOrThrow(nameOrArn, ServiceError::resourceNotFound);
        if (!table.status(now).equals(StoredTable.ACTIVE)) {
            throw ServiceError.resourceInUse("Table is not ACTIVE: " + table.name() + " is " + table.status(now));
        }
        TimeToLive current = timeToLive.get(table.id());
        boolean enabled = current != null && current.setting().enabled();
        if (enabled == setting.enabled()) {
            throw ServiceError.validation("TimeToLive is already " + (enabled ? "enabled" : "disabled"));
        }
        if (current != null && now.isBefore(current.changedAt().plus(TIME_TO_LIVE_COOL_DOWN))) {
            throw ServiceError.validation("Time to live has been modified multiple times within a fixed interval");
        }
        timeToLive.put(table.id(), new TimeToLive(setting, now));
        return setting;
    }

    synchronized ContinuousBackupsDescription describeContinuousBackups(String nameOrArn, Instant now) {
        StoredTable table = tableOrThrow(nameOrArn, ServiceError::tableNotFound);
        return continuousBackups(table, now);
    }

    synchronized ContinuousBackupsDescription updateContinuousBackups(String nameOrArn,
                                                                      PointInTimeRecoverySpecification setting,
                                                                      Instant now) {
        StoredTable table = tableOrThrow(nameOrArn, ServiceError::tableNotFound);
        if (!table.continuousBackupsAvailable()) {
            throw ServiceError.continuousBackupsUnavailable(table.name());
        }
        pointInTimeRecovery.put(table.id(), setting.pointInTimeRecoveryEnabled());
        // The request's range (1..35) was checked when it was decoded (ValidationException otherwise).
        recoveryPeriodInDays.put(table.id(), setting.recoveryPeriodInDays() != null ? setting.recoveryPeriodInDays()
                : DEFAULT_RECOVERY_PERIOD_IN_DAYS);
        return continuousBackups(table, now);
    }

    private ContinuousBackupsDescription continuousBackups(StoredTable table, Instant now) {
        String status = table.continuousBackupsAvailable() ? "ENABLED" : "DISABLED";
        boolean recovery = pointInTimeRecovery.getOrDefault(table.id(), false);
        int days = recoveryPeriodInDays.getOrDefault(table.id(), DEFAULT_RECOVERY_PERIOD_IN_DAYS);
        // Restorable back to the table's creation, at most the recovery period ago.
        Instant earliest = table.createdAt().isAfter(now.minus(Duration.ofDays(days))) ? table.createdAt()
                : now.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
        PointInTimeRecoveryDescription description = recovery
                ? new PointInTimeRecoveryDescription(Optional.of("ENABLED"), Optional.of(days),
                Optional.of(earliest), Optional.of(now.truncatedTo(ChronoUnit.SECONDS)))
                : new PointInTimeRecoveryDescription(Optional.of("DISABLED"), Optional.empty(), Optional.empty(),
                Optional.empty());
        return new ContinuousBackupsDescription(status, Optional.of(description));
    }

    synchronized void setItemCount(String name, long count) {
        tables.put(name, existingTable(name).withItemCount(count));
    }

    /** Sets a table's settings directly, as if its owner had (for tests and demos). */
    synchronized void configure(String name, Map<String, String> newTags, @Nullable String timeToLiveAttribute,
                                boolean recovery, Instant now) {
        StoredTable table = existingTable(name);
        tags.put(table.id(), new TreeMap<>(newTags));
        if (timeToLiveAttribute != null) {
            // Changed long enough ago that an UpdateTimeToLive is accepted now.
            timeToLive.put(table.id(), new TimeToLive(new TimeToLiveSpecification(true, timeToLiveAttribute),
                    now.minus(TIME_TO_LIVE_COOL_DOWN)));
        } else {
            timeToLive.remove(table.id());
        }
        pointInTimeRecovery.put(table.id(), recovery);
        recoveryPeriodInDays.remove(table.id());
    }

    /** A table's tags, sorted by key (for tests and tools). */
    synchronized Map<String, String> tagsOf(String name) {
        return Map.copyOf(tags.getOrDefault(existingTable(name).id(), new TreeMap<>()));
    }

    synchronized ListTablesResponse listTables(ListTablesRequest request) {
        Map<String, StoredTable> after = request.exclusiveStartTableName() == null ? tables
                : tables.tailMap(request.exclusiveStartTableName(), false);
        int limit = request.limit() == null ? DEFAULT_PAGE_SIZE : request.limit();
        List<String> page = after.keySet().stream().limit(limit).toList();
        boolean more = after.size() > page.size();
        return new ListTablesResponse(page, more ? Optional.of(page.get(page.size() - 1)) : Optional.empty());
    }

    synchronized void setContinuousBackupsAvailable(String name, boolean available) {
        StoredTable table = existingTable(name);
        tables.put(name, table.withContinuousBackupsAvailable(available));
    }

    synchronized void setActiveAt(String name, Instant activeAt) {
        tables.put(name, existingTable(name).withActiveAt(activeAt));
    }

    synchronized boolean removeTable(String name) {
        StoredTable removed = tables.remove(name);
        if (removed != null) {
            forgetSettings(removed);
        }
        return removed != null;
    }

    // ---- GetResources (Resource Groups Tagging API) -------------------------------------------------------------

    /** Replaces an existing table's tags ({@code Map.of()}: none); the same tags TagResource sets. */
    synchronized void setTags(String name, Map<String, String> newTags) {
        StoredTable table = existingTable(name);
        if (newTags.isEmpty()) {
            tags.remove(table.id());
        } else {
            tags.put(table.id(), new TreeMap<>(newTags));
        }
    }

    /**
     * GetResources over the tables: those carrying a tag (every filter's key, with one of its values when it lists
     * any), in name order, {@code ResourcesPerPage} (default 100) a page. The token is the last name of the page,
     * marked so that a token from elsewhere is refused as the API refuses it; the last page has an empty token.
     */
    synchronized GetResourcesResponse getResources(GetResourcesRequest request) {
        List<String> types = request.resourceTypeFilters();
        if (types != null && !types.isEmpty() && types.stream().noneMatch(t -> t.equals("dynamodb")
                || t.equals(GetResourcesRequest.DYNAMODB_TABLE))) {
            return new GetResourcesResponse(Optional.of(""), List.of());
        }
        String token = request.paginationToken();
        Map<String, StoredTable> after = tables;
        if (token != null && !token.isEmpty()) {
            if (!token.startsWith(PAGE_TOKEN_MARK)) {
                throw new ServiceError(400, "InvalidParameterException",
                        "PaginationToken is not a token this service issued");
            }
            after = tables.tailMap(token.substring(PAGE_TOKEN_MARK.length()), false);
        }
        int limit = request.resourcesPerPage() == null ? DEFAULT_PAGE_SIZE : request.resourcesPerPage();
        List<GetResourcesRequest.TagFilter> filters = request.tagFilters() == null ? List.of()
                : request.tagFilters();
        List<GetResourcesResponse.ResourceTagMapping> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (StoredTable table : after.values()) {
            Map<String, String> tableTags = tags.get(table.id());
            if (tableTags == null || tableTags.isEmpty() || !filters.stream().allMatch(filter -> matches(filter, tableTags))) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(new GetResourcesResponse.ResourceTagMapping(table.arn(), new TreeMap<>(tableTags).entrySet()
                    .stream().map(tag -> new io.github.ddbbackup.core.Tag(tag.getKey(), tag.getValue())).toList()));
            last = table.name();
        }
        return new GetResourcesResponse(Optional.of(more ? PAGE_TOKEN_MARK + last : ""), page);
    }

    /** Marks the emulator's GetResources tokens. */
    static final String PAGE_TOKEN_MARK = "emulator-page:";

    private static boolean matches(GetResourcesRequest.TagFilter filter, Map<String, String> tableTags) {
        String value = tableTags.get(filter.key());
        return value != null && (filter.values().isEmpty() || filter.values().contains(value));
    }

    synchronized boolean hasTable(String name) {
        return tables.containsKey(name);
    }

    private StoredTable existingTable(String name) {
        StoredTable table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("table: \"" + name + "\" violates must exist in the emulator");
        }
        return table;
    }

    /** The table named by a name or an ARN of this partition, region and account, else {@code notFound}. */
    private StoredTable tableOrThrow(String nameOrArn, Function<String, ServiceError> notFound) {
        String name = nameOrArn;
        if (nameOrArn.startsWith("arn:")) {
            Matcher arn = TABLE_ARN.matcher(nameOrArn);
            if (!arn.matches() || !arn.group(1).equals(partition) || !arn.group(2).equals(region)
                    || !arn.group(3).equals(accountId)) {
                throw notFound.apply(nameOrArn);
            }
            name = arn.group(4);
        }
        StoredTable table = tables.get(name);
        if (table == null) {
            throw notFound.apply(nameOrArn);
        }
        return table;
    }

    // ---- backups ------------------------------------------------------------------------------------------------

    synchronized BackupDetails createBackup(String tableNameOrArn, String backupName, Instant now) {
        StoredTable table = tableOrThrow(tableNameOrArn, ServiceError::tableNotFound);
        String status = table.status(now);
        if (!status.equals(StoredTable.ACTIVE)) {
            throw ServiceError.tableInUse(table.name(), status);
        }
        if (!table.continuousBackupsAvailable()) {
            throw ServiceError.continuousBackupsUnavailable(table.name());
        }
        if (concurrentBackupsRejected && backups.values().stream().anyMatch(backup ->
                backup.source().id().equals(table.id()) && backup.status(now).equals(BackupStatus.CREATING))) {
            throw ServiceError.backupInUse("There is another ongoing conflicting backup control plane operation on"
                    + " the table: a backup of " + table.name() + " is being created");
        }
        // DynamoDB always answers CreateBackup with CREATING, however fast the backup becomes AVAILABLE.
        return store(table, backupName, BackupType.USER, now).details(BackupStatus.CREATING);
    }

    /** Adds a backup as if DynamoDB (SYSTEM), AWS Backup (AWS_BACKUP) or a user had made it; no call involved. */
    synchronized BackupDetails putBackup(String tableName, String backupName, BackupType type, Instant now) {
        StoredBackup backup = store(existingTable(tableName), backupName, type, now);
        return backup.details(backup.status(now));
    }

    private StoredBackup store(StoredTable table, String backupName, BackupType type, Instant now) {
        Instant createdAt = now.truncatedTo(ChronoUnit.MILLIS);
        String arn;
        do {
            // DynamoDB's form: the creation time in epoch milliseconds on 14 digits, a dash, 8 hex digits.
            arn = String.format("%s/backup/%014d-%08x", table.arn(), createdAt.toEpochMilli(),
                    ThreadLocalRandom.current().nextInt());
        } while (positions.containsKey(arn));
        Optional<Instant> expiresAt = type.equals(BackupType.SYSTEM)
                ? Optional.of(createdAt.plus(SYSTEM_BACKUP_RETENTION)) : Optional.empty();
        StoredBackup backup = new StoredBackup(sequence++, arn, backupName, type, createdAt,
                createdAt.plus(backupCreationDelay), expiresAt, table);
        backups.put(arn, backup);
        positions.put(arn, backup);
        return backup;
    }

    synchronized BackupDescription describeBackup(String arn, Instant now) {
        StoredBackup backup = backupOrThrow(arn);
        return backup.description(backup.status(now));
    }

    synchronized BackupDescription deleteBackup(String arn, Instant now) {
        StoredBackup backup = backupOrThrow(arn);
        if (backup.status(now).equals(BackupStatus.CREATING)) {
            throw ServiceError.backupInUse("Backup is being created and cannot be deleted yet: " + arn);
        }
        backups.remove(arn);
        return backup.description(BackupStatus.DELETED);
    }

    private StoredBackup backupOrThrow(String arn) {
        if (!BACKUP_ARN.matcher(arn).matches()) {
            throw ServiceError.validation("Invalid BackupArn: " + arn);
        }
        StoredBackup backup = backups.get(arn);
        if (backup == null) {
            throw ServiceError.backupNotFound(arn);
        }
        return backup;
    }

    synchronized ListBackupsResponse listBackups(ListBackupsRequest request, Instant now) {
        BackupTypeFilter typeFilter = request.backupType() == null ? BackupTypeFilter.USER : request.backupType();
        List<StoredBackup> matching = backups.values().stream()
                .filter(backup -> request.tableName() == null || matchesTable(backup, request.tableName()))
                .filter(backup -> typeFilter == BackupTypeFilter.ALL
                        || backup.type().value().equals(typeFilter.name()))
                .filter(backup -> request.timeRangeLowerBound() == null
                        || !backup.createdAt().isBefore(request.timeRangeLowerBound()))
                .filter(backup -> request.timeRangeUpperBound() == null
                        || backup.createdAt().isBefore(request.timeRangeUpperBound()))
                .filter(backup -> request.exclusiveStartBackupArn() == null
                        || CREATION_ORDER.compare(backup, startOf(request.exclusiveStartBackupArn())) > 0)
                .sorted(CREATION_ORDER)
                .toList();
        int limit = request.limit() == null ? DEFAULT_PAGE_SIZE : request.limit();
        List<StoredBackup> page = matching.subList(0, Math.min(limit, matching.size()));
        List<BackupSummary> summaries = page.stream().map(backup -> backup.summary(now)).toList();
        Optional<String> last = matching.size() > page.size()
                ? Optional.of(page.get(page.size() - 1).arn()) : Optional.empty();
        return new ListBackupsResponse(summaries, last);
    }

    private StoredBackup startOf(String exclusiveStartBackupArn) {
        StoredBackup start = positions.get(exclusiveStartBackupArn);
        if (start == null) {
            throw ServiceError.validation("Invalid ExclusiveStartBackupArn: not a backup of this account: "
                    + exclusiveStartBackupArn);
        }
        return start;
    }

    private static boolean matchesTable(StoredBackup backup, String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? backup.source().arn().equals(nameOrArn)
                : backup.source().name().equals(nameOrArn);
    }

    /** Every backup that exists now, by table name (sorted), each table's in creation order. */
    synchronized Map<String, List<BackupDetails>> backupsByTable(Instant now) {
        Map<String, List<BackupDetails>> byTable = new TreeMap<>();
        backups.values().stream().sorted(CREATION_ORDER).forEach(backup -> byTable
                .computeIfAbsent(backup.source().name(), name -> new ArrayList<>())
                .add(backup.details(backup.status(now))));
        byTable.replaceAll((name, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(byTable);
    }
}
