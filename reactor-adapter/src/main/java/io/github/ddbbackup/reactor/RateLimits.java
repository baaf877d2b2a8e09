package io.github.ddbbackup.reactor;

public final class RateLimits {
    public static final RateLimits DYNAMODB_DEFAULTS = new RateLimits();
    public static final RateLimits NONE = new RateLimits();
}
