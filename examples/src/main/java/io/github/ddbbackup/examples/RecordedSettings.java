package io.github.ddbbackup.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The tables' settings a {@code backup --record-settings} report recorded (its {@code settings} member, by table), for
 * {@code restore --copy-settings} when the source table no longer exists.
 *
 * @param byTable the settings of each table recorded
 */
record RecordedSettings(Map<String, TableSettings> byTable) {

    /** The member of the report that holds them. */
    static final String MEMBER = "settings";

    RecordedSettings {
        byTable = Map.copyOf(byTable);
    }

    /**
     * Reads a report; blocks on the disk.
     *
     * @throws IllegalArgumentException saying why the file holds no recorded settings
     */
    static RecordedSettings read(Path file) {
        try {
            JsonNode root = ReportFile.JSON.readTree(Files.readAllBytes(file));
            JsonNode settings = root == null ? null : root.get(MEMBER);
            if (settings == null || !settings.isObject()) {
                throw new IllegalArgumentException(file + " records no table settings (it is not the report of a"
                        + " 'backup --record-settings' run)");
            }
            return new RecordedSettings(ReportFile.JSON.readerFor(new TypeReference<Map<String, TableSettings>>() { })
                    .readValue(settings));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + " (" + IoFailure.reason(e) + ")", e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " is not a report of this tool: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The settings recorded for {@code table} of {@code region}: a {@code --regions} report keeps them as
     * {@code region/table}, a one-region report by the table's name.
     */
    Optional<TableSettings> of(String region, @Nullable String table) {
        return table == null ? Optional.empty()
                : Optional.ofNullable(byTable.get(region + "/" + table)).or(() -> of(table));
    }

    /** The settings recorded for {@code table}, if any. */
    Optional<TableSettings> of(@Nullable String table) {
        return table == null ? Optional.empty() : Optional.ofNullable(byTable.get(table));
    }
}
