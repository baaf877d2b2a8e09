package io.github.ddbbackup.spring.autoconfigure;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * The region when {@code ddb.backup.region} is not set (nor set by a customizer), found at start-up without any
 * network call: the application's {@link AwsRegionProvider} bean (Spring Cloud AWS defines one), else
 * {@code spring.cloud.aws.region.static}, else the {@code aws.region} system property or {@code AWS_REGION}, else the
 * profile's {@code region}. Unlike the AWS SDK's default chain, never the instance metadata service: nothing found
 * stops start-up saying where to set one.
 */
final class StartupRegion implements AwsRegionProvider {

    /** Spring Cloud AWS's property for a fixed region, honoured with or without Spring Cloud AWS. */
    static final String SPRING_CLOUD_AWS_REGION = "spring.cloud.aws.region.static";

    private final Supplier<@Nullable AwsRegionProvider> applicationProvider;
    private final Environment environment;
    private final @Nullable String profile;

    StartupRegion(Supplier<@Nullable AwsRegionProvider> applicationProvider, Environment environment,
                  @Nullable String profile) {
        this.applicationProvider = applicationProvider;
        this.environment = environment;
        this.profile = profile;
    }

    @Override
    public Region getRegion() {
        AwsRegionProvider provider = applicationProvider.get();
        if (provider != null) {
            return provider.getRegion();
        }
        String fixed = environment.getProperty(SPRING_CLOUD_AWS_REGION);
        if (fixed != null && !fixed.isBlank()) {
            return Region.of(fixed);
        }
        try {
            return new SystemSettingsRegionProvider().getRegion();
        } catch (SdkClientException notSet) {
            // next source
        }
        String profileName = profile != null ? profile
                : ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
        try {
            return new AwsProfileRegionProvider(null, profileName).getRegion();
        } catch (SdkClientException notSet) {
            throw new DynamoDbBackupWiringException("No AWS region for the DynamoDB backup client: "
                    + DynamoDbBackupProperties.PREFIX + ".region is not set, nor " + SPRING_CLOUD_AWS_REGION
                    + ", the aws.region system property, AWS_REGION, or a region in the AWS profile \"" + profileName
                    + "\", and the application has no AwsRegionProvider bean. The instance metadata service is not "
                    + "asked at start-up.", "Set " + DynamoDbBackupProperties.PREFIX
                    + ".region, for example " + DynamoDbBackupProperties.PREFIX + ".region=eu-west-1 (or AWS_REGION, "
                    + "or " + SPRING_CLOUD_AWS_REGION + " with Spring Cloud AWS).");
        }
    }
}
