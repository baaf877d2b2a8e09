package io.github.ddbbackup.examples;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --regions r1,r2,...}, for the commands that work in many regions at once ({@code backup}, {@code pitr});
 * validated with the target ({@link TargetOptions#validate(java.util.Map, List)}).
 */
final class RegionsOption {

    @Option(names = "--regions", split = ",", paramLabel = "r1,r2", order = 12,
            description = "Each of these regions at once, instead of --region: each with its own endpoint, credentials"
                    + " scope and rate limits (with --local, its own emulator). A region may name its own endpoint,"
                    + " REGION=URL (a VPC endpoint, say). Name tables by name, not ARN.")
    private List<String> regions;

    /**
     * The regions as given (each possibly REGION=URL); empty without the option. Given but naming none ({@code
     * --regions ,}, which the split leaves empty), it is one empty name, for the validation to refuse: an empty list
     * would quietly mean the one default region.
     */
    List<String> given() {
        if (regions == null) {
            return List.of();
        }
        return regions.isEmpty() ? List.of("") : regions.stream().map(String::strip).toList();
    }
}
