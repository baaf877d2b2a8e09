package io.github.ddbbackup.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ddbbackup.core.BackupStatus;
import io.github.ddbbackup.core.BackupSummary;
import io.github.ddbbackup.core.BackupType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));

    @Test
    void deletesOnlyAvailableUserBackupsOlderThanTheCutoffOldestFirst() {
        List<BackupSummary> backups = List.of(
                backup("a", "a-10d", 10, BackupStatus.AVAILABLE, BackupType.USER),
                backup("a", "a-40d", 40, BackupStatus.AVAILABLE, BackupType.USER),
                backup("a", "a-90d", 90, BackupStatus.AVAILABLE, BackupType.USER),
                backup("b", "b-35d-creating", 35, BackupStatus.CREATING, BackupType.USER),
                backup("b", "b-60d-system", 60, BackupStatus.AVAILABLE, BackupType.SYSTEM),
                backup("b", "b-31d", 31, BackupStatus.AVAILABLE, BackupType.USER));

        assertEquals(List.of("a-90d", "a-40d", "b-31d"), names(new Retention(CUTOFF, 0).toDelete(backups)));
    }

    @Test
    void keepsEachTablesNewestWhateverTheirAge() {
        List<BackupSummary> backups = List.of(
                backup("a", "a-40d", 40, BackupStatus.AVAILABLE, BackupType.USER),
                backup("a", "a-50d", 50, BackupStatus.AVAILABLE, BackupType.USER),
                backup("a", "a-90d", 90, BackupStatus.AVAILABLE, BackupType.USER),
                backup("b", "b-5d", 5, BackupStatus.AVAILABLE, BackupType.USER),
                backup("b", "b-31d", 31, BackupStatus.AVAILABLE, BackupType.USER));

        assertEquals(List.of("a-90d"), names(new Retention(CUTOFF, 2).toDelete(backups)));
        assertEquals(List.of(), names(new Retention(CUTOFF, 3).toDelete(backups)));
    }

    @Test
    void refusesANegativeKeepLast() {
        assertThrows(IllegalArgumentException.class, () -> new Retention(CUTOFF, -1));
    }

    private static BackupSummary backup(String table, String name, int ageDays, BackupStatus status,
                                        BackupType type) {
        return new BackupSummary(Optional.of(table), Optional.empty(),
                Optional.of("arn:aws:dynamodb:us-east-1:123456789012:table/" + table),
                Optional.of("arn:aws:dynamodb:us-east-1:123456789012:table/" + table + "/backup/" + name),
                Optional.of(name), Optional.of(NOW.minus(Duration.ofDays(ageDays))), Optional.empty(),
                Optional.of(status), Optional.of(type), Optional.empty());
    }

    private static List<String> names(List<BackupSummary> backups) {
        return backups.stream().map(b -> b.backupName().orElseThrow()).toList();
    }
}
