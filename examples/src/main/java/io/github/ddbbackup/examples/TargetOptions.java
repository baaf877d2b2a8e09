package io.github.ddbbackup.examples;

import io.github.ddbbackup.core.internal.LoopbackHosts;
import io.github.ddbbackup.core.internal.UrlRedaction;
import io.github.ddbbackup.emulator.DynamoDbEmulator;
import io.github.ddbbackup.emulator.EmulatorRateLimits;
import io.github.ddbbackup.reactor.DynamoDbBackupClient;
import io.github.ddbbackup.reactor.DynamoDbBackupClientBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The target options every command shares: {@code --local N}, or AWS: {@code [--region R] [--endpoint URL]
 * [--profile P]}, the region and endpoint defaulting as for the AWS CLI.
 */
final class TargetOptions {

    /** The most tables {@code --local} creates: the emulator keeps them in memory. */
    static final int MAX_LOCAL_TABLES = 100_000;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--local", paramLabel = "N", order = 10,
            description = "Start the in-process emulator on 127.0.0.1 with N tables (DynamoDB's rate limits on)"
                    + " and work on it: no AWS account needed.")
    private Integer local;

    @Option(names = "--local-backup-delay", paramLabel = "D", order = 10, converter = DurationConverter.class,
            description = "With --local: how long each backup stays CREATING before it is AVAILABLE, e.g. 0s, 2s,"
                    + " PT0.5S. Default: 2s.")
    private Duration localBackupDelay;

    @Option(names = "--endpoint", paramLabel = "URL", order = 11,
            description = "The DynamoDB endpoint, e.g. https://dynamodb.eu-west-1.amazonaws.com (scheme, host and port;"
                    + " plain http only on this machine). Default, as for the AWS CLI: AWS_ENDPOINT_URL_DYNAMODB,"
                    + " AWS_ENDPOINT_URL, the profile's endpoint_url, else the region's.")
    private String endpointText;

    /**
     * The endpoint: {@code --endpoint}, else the environment's or the profile's, parsed by {@link #validate(Map)} (as
     * text, a URL that does not parse is never echoed raw); null for the region's own.
     */
    private @Nullable URI endpoint;

    @Option(names = "--region", paramLabel = "R", order = 12,
            description = "The AWS region, e.g. eu-west-1. Default, as for the AWS CLI: AWS_REGION,"
                    + " AWS_DEFAULT_REGION, the profile's region (AWS_CONFIG_FILE, else ~/.aws/config).")
    private String region;

    /** {@code --regions} as validated: the names, and the endpoints some of them name. */
    private List<String> regions = List.of();
    private final Map<String, URI> regionEndpoints = new java.util.HashMap<>();

    @Option(names = "--profile", paramLabel = "P", order = 13,
            description = "The AWS profile for credentials (default chain: environment, system properties, profile,"
                    + " SSO, container, instance). Default: AWS_PROFILE, else 'default'.")
    private String profile;

    /**
     * Checks that exactly one target is given and resolves the region and endpoint as the AWS CLI does when the options
     * do not name them ({@link AwsConventions}); call after parsing.
     */
    void validate(Map<String, String> environment) {
        validate(environment, List.of());
    }

    /**
     * As {@link #validate(Map)}, for a command that works in each of {@code regions} at once (none: the one region of
     * {@code --region} or the defaults): they replace {@code --region}, and as each region has its own endpoint,
     * no single endpoint ({@code --endpoint}, or one from the environment or profile) may be given.
     */
    void validate(Map<String, String> environment, List<String> regions) {
        if (!regions.isEmpty()) {
            validateRegions(environment, regions);
            return;
        }
        if (local != null && (endpointText != null || region != null || profile != null)) {
            throw usage("--local runs against the in-process emulator: it cannot be combined with --endpoint,"
                    + " --region or --profile");
        }
        if (localBackupDelay != null && local == null) {
            throw usage("--local-backup-delay applies to the in-process emulator: give --local N too");
        }
        if (localBackupDelay != null && (localBackupDelay.isNegative()
                || localBackupDelay.compareTo(LocalEmulator.MAX_BACKUP_CREATION_DELAY) > 0)) {
            throw usage("--local-backup-delay: " + localBackupDelay + " violates 0s.."
                    + LocalEmulator.MAX_BACKUP_CREATION_DELAY.toHours() + "h");
        }
        if (local != null) {
            if (local < 1 || local > MAX_LOCAL_TABLES) {
                throw usage("--local: " + local + " violates 1.." + MAX_LOCAL_TABLES + " tables");
            }
            region = DynamoDbEmulator.DEFAULT_REGION;
            return;
        }
        AwsConventions aws = new AwsConventions(environment, profile);
        profile = aws.profileName();
        if (region == null) {
            region = aws.region().map(AwsConventions.Setting::value).orElseThrow(() -> usage(endpointText == null
                    ? "missing target: give --local N (the in-process emulator) or a region: --region R, "
                    + aws.regionSources()
                    : "missing region: --endpoint needs the region requests are signed for: give --region R, "
                    + aws.regionSources()));
        }
        if (endpointText != null) {
            endpoint = parseEndpoint("--endpoint", endpointText);
        } else {
            endpoint = aws.endpoint().map(setting -> parseEndpoint(setting.source(), setting.value())).orElse(null);
        }
    }

    private void validateRegions(Map<String, String> environment, List<String> regions) {
        if (region != null) {
            throw usage("--regions and --region: give one of them");
        }
        if (endpointText != null) {
            throw usage("--regions: each region is asked at its own endpoint; --endpoint names one: give one region"
                    + " with --region instead");
        }
        // A region may name its own endpoint (REGION=URL): a VPC endpoint, or an emulator standing in for it.
        List<String> names = regions.stream().map(r -> r == null ? "" : r.split("=", 2)[0].strip()).toList();
        String shown = String.join(",", names);
        if (names.stream().anyMatch(r -> !r.matches("[a-z0-9-]{1,64}"))) {
            throw usage("--regions: '" + shown + "' violates region names separated by commas,"
                    + " e.g. us-east-1,eu-west-1 (each optionally REGION=URL)");
        }
        if (names.stream().distinct().count() < names.size()) {
            throw usage("--regions: '" + shown + "' names a region twice");
        }
        regionEndpoints.clear();
        for (String r : regions) {
            String[] parts = r.split("=", 2);
            if (parts.length == 2) {
                regionEndpoints.put(parts[0].strip(), parseEndpoint("--regions " + parts[0].strip() + "=",
                        parts[1].strip()));
            }
        }
        this.regions = names;
        if (local != null && !regionEndpoints.isEmpty()) {
            throw usage("--local starts an emulator for each region: --regions REGION=URL names an endpoint of"
                    + " its own; give one of them");
        }
        if (localBackupDelay != null && local == null) {
            throw usage("--local-backup-delay applies to the in-process emulator: give --local N too");
        }
        if (local != null) {
            if (profile != null) {
                throw usage("--local runs against in-process emulators: it cannot be combined with --profile");
            }
            if (local < 1 || local > MAX_LOCAL_TABLES) {
                throw usage("--local: " + local + " violates 1.." + MAX_LOCAL_TABLES + " tables");
            }
            region = names.get(0);
            return;
        }
        AwsConventions aws = new AwsConventions(environment, profile);
        profile = aws.profileName();
        aws.endpoint().filter(setting -> regionEndpoints.size() < names.size()).ifPresent(setting -> {
            throw usage("--regions: each region is asked at its own endpoint, but " + setting.source()
                    + " names one: unset it, or give one region with --region");
        });
        region = names.get(0);
    }

    /**
     * The URL, or a usage error naming {@code source} that shows it without user info (where keys and passwords hide).
     * Checked here, against the rules the client applies when it is built, so that a refusal speaks of this command's
     * options and variables rather than of the client's builder.
     */
    private URI parseEndpoint(String source, String text) {
        String shown = "'" + UrlRedaction.withoutUserInfo(text) + "'";
        URI parsed;
        try {
            parsed = new URI(text);
        } catch (URISyntaxException notAUrl) {
            parsed = null;
        }
        if (parsed == null || parsed.getScheme() == null || parsed.getHost() == null) {
            throw usage(source + ": " + shown + " violates an absolute http(s) URL such as "
                    + "https://dynamodb.eu-west-1.amazonaws.com");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw usage(source + ": " + shown + " violates an http(s) URL (DynamoDB speaks HTTPS)");
        }
        if (parsed.getRawUserInfo() != null) {
            throw usage(source + ": " + shown + " violates a URL without a user or password (credentials come from"
                    + " the AWS credentials chain)");
        }
        String path = parsed.getRawPath();
        if (parsed.getRawQuery() != null || parsed.getRawFragment() != null
                || (path != null && !path.isEmpty() && !path.equals("/"))) {
            throw usage(source + ": " + shown + " violates scheme, host and port only, such as"
                    + " https://dynamodb.eu-west-1.amazonaws.com (DynamoDB is served at /)");
        }
        if (scheme.equals("http") && !LoopbackHosts.isLoopback(parsed.getHost())) {
            throw usage(source + ": " + shown + " is plain http, which would send the signed requests unencrypted:"
                    + " only an endpoint on this machine (a loopback address) may use http; use https");
        }
        return parsed;
    }

    /**
     * The regions of {@code --regions}, without any endpoint they name ({@code REGION=URL}), as validated by
     * {@link #validate(Map, List)}; empty for a one-region command.
     */
    List<String> regions() {
        return regions;
    }

    /** The region requests are signed for, as resolved by {@link #validate}. */
    String region() {
        return region;
    }

    /** Whether the target is on this machine: the in-process emulator, or an endpoint on a loopback address. */
    boolean isLoopback() {
        if (local != null) {
            return true;
        }
        if (!regions.isEmpty()) {
            return regions.stream().allMatch(r -> regionEndpoints.containsKey(r)
                    && LoopbackHosts.isLoopback(regionEndpoints.get(r).getHost()));
        }
        // Without an endpoint from an option, the environment or the profile: DynamoDB's regional endpoint.
        return endpoint != null && LoopbackHosts.isLoopback(endpoint.getHost());
    }

    /** Whether the target is the in-process emulator. */
    boolean isLocal() {
        return local != null;
    }

    /**
     * Starts the emulator when {@code --local}, and builds the client; off the event loops, since both read files or
     * bind sockets. A client option that the builder refuses (an endpoint it will not use) is a usage error.
     *
     * @param options     the command's own client options (e.g. its rate limits)
     * @param seedBackups for {@code --local}: give every table some backups dated in the past
     * @param localLimits for {@code --local}: the call-rate limits the emulator enforces
     */
    Mono<Target> open(UnaryOperator<DynamoDbBackupClientBuilder> options, boolean seedBackups,
                      EmulatorRateLimits localLimits) {
        return open(region, options, seedBackups, localLimits);
    }

    /**
     * As {@link #open(UnaryOperator, boolean, EmulatorRateLimits)}, in {@code inRegion} (one of {@code --regions}):
     * its own client (endpoint, credentials scope, rate-limit budgets), and with {@code --local} its own emulator.
     */
    Mono<Target> open(String inRegion, UnaryOperator<DynamoDbBackupClientBuilder> options, boolean seedBackups,
                      EmulatorRateLimits localLimits) {
        return Mono.fromCallable(() -> local != null ? openLocal(inRegion, options, seedBackups, localLimits)
                        : openRemote(inRegion, options))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Target openLocal(String inRegion, UnaryOperator<DynamoDbBackupClientBuilder> options,
                             boolean seedBackups, EmulatorRateLimits localLimits) {
        DynamoDbEmulator emulator = LocalEmulator.start(inRegion, local, seedBackups, localLimits,
                localBackupDelay != null ? localBackupDelay : LocalEmulator.BACKUP_CREATION_DELAY);
        try {
            DynamoDbBackupClient client = options.apply(DynamoDbBackupClient.builder()
                            .endpointOverride(emulator.endpoint())
                            .region(emulator.region())
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey()))))
                    .build();
            return new Target(client, client.endpoint().toString(), client.region(), Optional.of(emulator));
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    private Target openRemote(String inRegion, UnaryOperator<DynamoDbBackupClientBuilder> options) {
        DynamoDbBackupClientBuilder builder = DynamoDbBackupClient.builder().region(inRegion);
        URI at = regionEndpoints.getOrDefault(inRegion, endpoint);
        if (at != null) {
            builder.endpointOverride(at);
        }
        builder.profileName(profile);
        try {
            DynamoDbBackupClient client = options.apply(builder).build();
            return new Target(client, client.endpoint().toString(), client.region(), Optional.empty());
        } catch (IllegalArgumentException | IllegalStateException refused) {
            throw usage(String.valueOf(refused.getMessage()));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
