package io.github.ddbbackup.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.internal.Validation;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupPlanTest {

    static final Instant AT = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void defaultTemplateNamesTableAndUtcTimestamp() {
        assertEquals("orders-20261121T120000Z", BackupPlan.DEFAULT.backupNameFor("orders", AT));
        assertEquals("nightly-20261121-orders", BackupPlan.builder().nameTemplate("nightly-{date}-{table}").build()
                .backupNameFor("orders", AT));
    }

    @Test
    void tableArnContributesItsTableName() {
        assertEquals("orders-20261121T120000Z", BackupPlan.DEFAULT
                .backupNameFor("arn:aws:dynamodb:us-east-1:123456789012:table/orders", AT));
    }

    @Test
    void charactersOutsideTheRuleAreReplaced() {
        String name = BackupPlan.builder().nameTemplate("{table} backup/é:{date}").build()
                .backupNameFor("orders", AT);
        assertEquals("orders-backup---20261121", name);
        assertTrue(Validation.isValidBackupName(name));
    }

    @Test
    void namesAtTheBoundaryStayValidAndUnique() {
        BackupPlan plan = BackupPlan.DEFAULT;
        String fits = "t".repeat(255 - "-20261121T120000Z".length());
        assertEquals(255, plan.backupNameFor(fits, AT).length());
        assertEquals(fits + "-20261121T120000Z", plan.backupNameFor(fits, AT), "exactly 255: untouched");

        String longA = "a".repeat(250) + "x";
        String longB = "a".repeat(250) + "y";
        String nameA = plan.backupNameFor(longA, AT);
        String nameB = plan.backupNameFor(longB, AT);
        assertEquals(255, nameA.length());
        assertEquals(255, nameB.length());
        assertTrue(Validation.isValidBackupName(nameA));
        assertNotEquals(nameA, nameB, "a hash of the full table name keeps shortened names unique");
        assertTrue(nameA.endsWith("-20261121T120000Z"));
    }

    @Test
    void tooShortNamesArePaddedToStayValid() {
        String name = BackupPlan.builder().nameTemplate("{table}").build().backupNameFor("a", AT);
        assertTrue(Validation.isValidBackupName(name), name);
        assertNotEquals(name, BackupPlan.builder().nameTemplate("{table}").build().backupNameFor("b", AT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{table}-{nope}", "ab", ""})
    void badTemplatesAreRefusedNamingTheField(String template) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> BackupPlan.builder().nameTemplate(template).build());
        assertEquals("BackupPlan.nameTemplate", e.option());
    }

    @Test
    void templateLeavingNoRoomForTheTableIsRefused() {
        assertThrows(InvalidOptionException.class,
                () -> BackupPlan.builder().nameTemplate("x".repeat(250) + "{table}").build());
    }

    @Test
    void concurrencyAndRetriesAreValidated() {
        assertEquals("BackupPlan.concurrency", assertThrows(InvalidOptionException.class,
                () -> BackupPlan.builder().concurrency(0).build()).option());
        assertEquals("BackupPlan.inUseRetries", assertThrows(InvalidOptionException.class,
                () -> BackupPlan.builder().inUseRetries(-1).build()).option());
    }
}
