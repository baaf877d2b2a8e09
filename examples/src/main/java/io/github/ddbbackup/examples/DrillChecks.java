package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.AttributeDefinition;
import io.github.ddbbackup.core.BackupDescription;
import io.github.ddbbackup.core.SourceTableDetails;
import io.github.ddbbackup.core.SourceTableDetails.KeySchemaElement;
import io.github.ddbbackup.core.SourceTableFeatureDetails;
import io.github.ddbbackup.core.SourceTableFeatureDetails.GlobalSecondaryIndexInfo;
import io.github.ddbbackup.core.SourceTableFeatureDetails.LocalSecondaryIndexInfo;
import io.github.ddbbackup.core.SourceTableFeatureDetails.SseDescription;
import io.github.ddbbackup.core.TableDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a drill checks of a restored table without reading its items: key schema, attribute definitions, indexes,
 * billing mode and encryption against the backup's SourceTableDetails and SourceTableFeatureDetails, and the item
 * count when both sides know it.
 */
final class DrillChecks {

    /** One check: its name, whether it passed (null: not checkable), and the values compared. */
    record Check(String check, @Nullable Boolean passed, String expected, String actual) {
        boolean failed() {
            return Boolean.FALSE.equals(passed);
        }
    }

    private DrillChecks() {
    }

    static List<Check> of(BackupDescription backup, TableDescription restored) {
        List<Check> checks = new ArrayList<>();
        Optional<SourceTableDetails> source = backup.sourceTableDetails();
        Optional<SourceTableFeatureDetails> features = backup.sourceTableFeatureDetails();
        checks.add(compare("key schema", source.map(s -> keys(s.keySchema())).orElse(null),
                keys(restored.keySchema())));
        List<String> keyAttributes = Stream.concat(Stream.concat(restored.keySchema().stream(),
                                restored.globalSecondaryIndexes().stream().flatMap(i -> i.keySchema().stream())),
                        restored.localSecondaryIndexes().stream().flatMap(i -> i.keySchema().stream()))
                .map(KeySchemaElement::attributeName).distinct().sorted().toList();
        List<String> defined = restored.attributeDefinitions().stream().map(AttributeDefinition::attributeName)
                .sorted().toList();
        checks.add(new Check("attribute definitions", defined.containsAll(keyAttributes) && !defined.isEmpty(),
                "defined: " + keyAttributes, "defined: " + defined));
        checks.add(compare("global secondary indexes", features.map(f -> globals(f.globalSecondaryIndexes()))
                .orElse("[]"), globals(restored.globalSecondaryIndexes())));
        checks.add(compare("local secondary indexes", features.map(f -> locals(f.localSecondaryIndexes()))
                .orElse("[]"), locals(restored.localSecondaryIndexes())));
        checks.add(compare("billing mode", source.map(s -> s.billingMode().orElse("PROVISIONED")).orElse(null),
                restored.billingMode()));
        checks.add(compare("encryption", features.flatMap(SourceTableFeatureDetails::sseDescription)
                .map(DrillChecks::sse).orElse("DEFAULT"), restored.sseDescription().map(DrillChecks::sse)
                .orElse("DEFAULT")));
        Optional<Long> expectedItems = source.flatMap(SourceTableDetails::itemCount);
        Optional<Long> actualItems = restored.itemCount();
        checks.add(expectedItems.isPresent() && actualItems.isPresent()
                ? compare("item count", expectedItems.get().toString(), actualItems.get().toString())
                : new Check("item count", null, expectedItems.map(String::valueOf).orElse("unknown"),
                actualItems.map(String::valueOf).orElse("unknown")));
        return List.copyOf(checks);
    }

    private static Check compare(String name, @Nullable String expected, String actual) {
        return expected == null ? new Check(name, null, "unknown", actual)
                : new Check(name, expected.equals(actual), expected, actual);
    }

    private static String keys(List<KeySchemaElement> keys) {
        return keys.stream().map(key -> key.attributeName() + " " + key.keyType())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String globals(List<GlobalSecondaryIndexInfo> indexes) {
        return indexes.stream().map(index -> index.indexName().orElse("?") + " " + keys(index.keySchema()))
                .collect(Collectors.toCollection(TreeSet::new)).toString();
    }

    private static String locals(List<LocalSecondaryIndexInfo> indexes) {
        return indexes.stream().map(index -> index.indexName().orElse("?") + " " + keys(index.keySchema()))
                .collect(Collectors.toCollection(TreeSet::new)).toString();
    }

    private static String sse(SseDescription sse) {
        return sse.sseType().orElse("DEFAULT");
    }
}
