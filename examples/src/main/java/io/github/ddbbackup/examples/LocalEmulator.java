package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.BackupType;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The in-process emulator behind {@code --local N}: N tables, tagged in a fixed pattern ({@link #tagsOf}) so that
 * {@code --tag} has something to select (with backups, time to live and point-in-time recovery too for the commands
 * that read them), DynamoDB's documented call-rate limits on (so the job paces itself as it must against AWS;
 * {@code backup --rate} moves the CreateBackup limit with it), and backups that stay CREATING for a moment (so
 * {@code --wait} waits).
 */
final class LocalEmulator {

    /**
     * How long a backup stays CREATING unless {@code --local-backup-delay} says otherwise: long enough for
     * {@code --wait} to wait, short enough for a demo.
     */
    static final Duration BACKUP_CREATION_DELAY = Duration.ofSeconds(2);
    /** The longest {@code --local-backup-delay}: a demo, not a soak test. */
    static final Duration MAX_BACKUP_CREATION_DELAY = Duration.ofHours(1);
    /** How long a restored table stays CREATING: long enough for {@code restore --wait} to wait. */
    static final Duration RESTORE_DELAY = Duration.ofSeconds(2);
    /** The time-to-live attribute of the tables with seeded backups. */
    static final String TIME_TO_LIVE_ATTRIBUTE = "expiresAt";
    /** Tables are named {@code table-000}, {@code table-001}, ...: at least three digits, so that names are the same
     * whatever N is (up to 1000). */
    static final int MIN_INDEX_DIGITS = 3;
    /** Tables are named {@code table-000}, {@code table-001}, ... */
    static final String TABLE_PREFIX = "table-";
    /**
     * For {@code list} and {@code prune}, which have nothing to show on fresh tables: each table gets backups of
     * these ages, so that {@code prune --local 5 --older-than 30d --dry-run} has something to say.
     */
    static final List<Duration> SEED_BACKUP_AGES = List.of(Duration.ofDays(90), Duration.ofDays(40),
            Duration.ofDays(7));

    private LocalEmulator() {
    }

    /**
     * Starts an emulator of {@code region} on 127.0.0.1 with {@code tables} tables. Blocks while the server binds: call it off the event
     * loops.
     *
     * @param seedBackups whether to give every table backups of the {@link #SEED_BACKUP_AGES}
     * @param limits      the call-rate limits the emulator enforces
     * @param backupCreationDelay how long each backup stays CREATING
     */
    static DynamoDbEmulator start(String region, int tables, boolean seedBackups, EmulatorRateLimits limits,
                                  Duration backupCreationDelay) {
        ShiftedClock clock = new ShiftedClock();
        DynamoDbEmulator emulator = DynamoDbEmulator.builder()
                .port(0)
                .region(region)
                .clock(clock)
                .rateLimits(limits)
                .backupCreationDelay(backupCreationDelay)
                .restoreDelay(RESTORE_DELAY)
                .requestLogCapacity(0)
                .build();
        int width = Math.max(MIN_INDEX_DIGITS, Integer.toString(tables - 1).length());
        List<String> names = new java.util.ArrayList<>(tables);
        for (int i = 0; i < tables; i++) {
            String name = TABLE_PREFIX + String.format("%0" + width + "d", i);
            emulator.createTable(name);
            emulator.setTags(name, tagsOf(i));
            names.add(name);
        }
        if (seedBackups) {
            seedSettings(emulator, names);
            seedBackups(emulator, clock, names);
        }
        emulator.start();
        return emulator;
    }

    /** The team tag's values, in turn. */
    static final List<String> TEAMS = List.of("red", "green", "blue");

    /**
     * The tags of the {@code i}-th local table: {@code backup=daily} for even {@code i}, {@code backup=weekly} for
     * odd; {@code team} red, green, blue in turn ({@code i mod 3}). So {@code --local 10 --tag backup=daily} selects
     * table-000, table-002, ..., table-008, and {@code --exclude-tag team=red} leaves out table-000, -003, -006,
     * -009.
     */
    static Map<String, String> tagsOf(int i) {
        return Map.of("backup", i % 2 == 0 ? "daily" : "weekly", "team", TEAMS.get(i % 3));
    }

    /**
     * What a restore does not bring back, for {@code restore --copy-settings} to copy: the tags of {@link #tagsOf}
     * and a cost-center tag, time to live on {@value #TIME_TO_LIVE_ATTRIBUTE}, point-in-time recovery; and an item
     * count (1000 + the table's index), which backups and restored tables report.
     */
    static void seedSettings(DynamoDbEmulator emulator, List<String> tables) {
        for (int i = 0; i < tables.size(); i++) {
            String table = tables.get(i);
            Map<String, String> tags = new java.util.TreeMap<>(tagsOf(i));
            tags.put("cost-center", "cc-" + (100 + i % 7));
            emulator.configureTable(table, tags, TIME_TO_LIVE_ATTRIBUTE, true);
            emulator.setItemCount(table, 1000L + i);
        }
    }

    /** Backups dated in the past, made while the emulator's clock is set back; the clock is reset after. */
    static void seedBackups(DynamoDbEmulator emulator, ShiftedClock clock, List<String> tables) {
        try {
            for (Duration age : SEED_BACKUP_AGES) {
                clock.setBack(age);
                for (String table : tables) {
                    emulator.putBackup(table, table + "-seed-" + age.toDays() + "d", BackupType.USER);
                }
            }
        } finally {
            clock.setBack(Duration.ZERO);
        }
    }
}
