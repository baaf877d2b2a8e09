package io.github.ddbbackup.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What one budget is kept for: DynamoDB limits calls per operation and per account and region, and the client knows
 * the account only through the access key it signs with.
 *
 * <p>The access key id is not a secret, but {@link #toString()} still shows only a short hash of it
 * ({@link #accessKeyHash()}), so keys can be told apart in logs and errors without being printed.
 *
 * @param endpoint    the endpoint URI the calls go to, e.g. {@code https://dynamodb.eu-west-1.amazonaws.com}
 * @param region      the signing region, e.g. {@code eu-west-1}
 * @param accessKeyId the access key id the calls are signed with
 * @param operation   the operation name, e.g. {@code CreateBackup} (see {@code Operation.CREATE_BACKUP.name()})
 */
public record RateLimitKey(String endpoint, String region, String accessKeyId, String operation) {

    /** Checks that every member is present. */
    public RateLimitKey {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(operation, "operation");
    }

    /** The first 8 hex digits of the SHA-256 of the access key id: enough to tell keys apart, not to recover one. */
    public String accessKeyHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessKeyId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "RateLimitKey[endpoint=" + endpoint + ", region=" + region + ", accessKey=#" + accessKeyHash()
                + ", operation=" + operation + "]";
    }
}
