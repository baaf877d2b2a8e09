package io.github.ddbbackup.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Where the AWS CLI finds the profile, the region and the endpoint when no option names them, read from the
 * command's environment (the process's, or a test's): a user's existing AWS set-up just works.
 *
 * <ul>
 *   <li>profile: {@code AWS_PROFILE}, else {@code default};</li>
 *   <li>region: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the profile's {@code region};</li>
 *   <li>endpoint: {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL}, the profile's {@code endpoint_url};
 *   </li>
 * </ul>
 * the profile being read from {@code AWS_CONFIG_FILE}, else {@code ~/.aws/config}.
 */
final class AwsConventions {

    private final Map<String, String> environment;
    private final String profileName;
    private final Path configFile;
    private @Nullable Optional<Profile> profile;

    /**
     * @param environment the environment variables
     * @param profileName {@code --profile}, or null for {@code AWS_PROFILE}, else {@code default}
     */
    AwsConventions(Map<String, String> environment, @Nullable String profileName) {
        this.environment = environment;
        this.profileName = profileName != null ? profileName : variable("AWS_PROFILE").orElse("default");
        this.configFile = variable("AWS_CONFIG_FILE").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".aws", "config"));
    }

    /** The profile credentials, region and endpoint are read from. */
    String profileName() {
        return profileName;
    }

    /** The region, and where it was found (for messages). */
    Optional<Setting> region() {
        return first("AWS_REGION", "AWS_DEFAULT_REGION", "region");
    }

    /** The endpoint URL, and where it was found (for messages). */
    Optional<Setting> endpoint() {
        return first("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL", "endpoint_url");
    }

    /** Where a region could have been, for the usage error when none is anywhere. */
    String regionSources() {
        return "AWS_REGION, AWS_DEFAULT_REGION or region in the profile '" + profileName + "' of " + configFile;
    }

    private Optional<Setting> first(String variable, String fallbackVariable, String profileProperty) {
        return Stream.of(variable, fallbackVariable)
                .flatMap(name -> variable(name).map(value -> new Setting(value, name)).stream())
                .findFirst()
                .or(() -> profile().flatMap(p -> p.property(profileProperty))
                        .filter(value -> !value.isBlank())
                        .map(value -> new Setting(value.strip(), profileProperty + " of the profile '" + profileName
                                + "' (" + configFile + ")")));
    }

    /** Read once, when a setting is not in the environment; a missing file is no profile. */
    private Optional<Profile> profile() {
        if (profile == null) {
            profile = Files.isRegularFile(configFile)
                    ? ProfileFile.builder().content(configFile).type(ProfileFile.Type.CONFIGURATION).build()
                    .profile(profileName)
                    : Optional.empty();
        }
        return profile;
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /**
     * A setting's value and where it came from.
     *
     * @param value  the value
     * @param source the variable or profile property that gave it
     */
    record Setting(String value, String source) {
    }
}
