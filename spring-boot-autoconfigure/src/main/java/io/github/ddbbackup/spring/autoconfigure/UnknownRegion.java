package io.github.ddbbackup.spring.autoconfigure;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * A region that no AWS partition lists ({@code eu-wst-1}): the client accepts it (new regions appear before an SDK
 * knows them), but a typo would only show as a failing DNS lookup at the first call, so start-up warns, naming the
 * known regions, the closest first.
 */
final class UnknownRegion {

    private UnknownRegion() {
    }

    /** The warning for {@code region}, or empty when a partition knows it. */
    static Optional<String> warning(String region) {
        if (RegionMetadata.of(Region.of(region)) != null) {
            return Optional.empty();
        }
        List<String> known = Region.regions().stream()
                .filter(r -> RegionMetadata.of(r) != null)
                .map(Region::id)
                .sorted(Comparator.comparingInt((String id) -> distance(id, region)).thenComparing(id -> id))
                .toList();
        return Optional.of("Region " + region + " of the DynamoDB backup client is known to no AWS partition of this "
                + "AWS SDK" + (known.isEmpty() ? "" : "; did you mean " + known.get(0) + "? Known regions: "
                + String.join(", ", known)));
    }

    /** Levenshtein distance: how many single-character edits turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
