package io.github.ddbbackup.reactor;

public record RateLimitKey(String endpoint, String region, String accessKeyId, String operation) {
}
