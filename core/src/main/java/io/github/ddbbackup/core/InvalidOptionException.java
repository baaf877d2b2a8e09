package io.github.ddbbackup.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A configuration option breaks its rule: a builder setter, a value record's constructor or {@code with...} copy
 * refused it. Thrown at configuration time, before anything is sent; never by a call.
 *
 * <p>The message has the form of {@link RequestValidationException}'s: the option, the value and the rule, for
 * example {@code RetryPolicy.maxAttempts: 0 violates >= 1}. Text values are quoted (escaped and shortened as there),
 * numbers and durations are not. A value that may hold a secret (a password, a URL with user info) is only ever
 * given here redacted, so neither the message nor {@link #value()} can leak it.
 *
 * <p>{@link #option()} is stable and meant to be matched on (as Spring Boot's auto-configuration does to name the
 * property that set the option): {@code <Type>.<component>} for a value type's option (e.g.
 * {@code Timeouts.connect}, {@code RedisRateLimiter.keyPrefix}), the builder method's name for an option of
 * {@code DynamoDbBackupClient.builder()} (e.g. {@code maxConnections}, {@code endpointOverride}), and the variable's
 * name for an endpoint read from the environment (e.g. {@code AWS_ENDPOINT_URL_DYNAMODB}).
 */
public final class InvalidOptionException extends IllegalArgumentException {

    private final String option;
    private final @Nullable String value;
    private final String rule;
    /** The value as the message shows it: quoted and escaped when it is text. */
    private final String shown;

    /**
     * @param option the option's name, e.g. {@code RetryPolicy.maxAttempts}
     * @param value  the rejected value, {@code null} when it was missing; redacted by the caller if it may hold a
     *               secret
     * @param rule   the rule, phrased to follow "violates", e.g. {@code >= 1}
     */
    public InvalidOptionException(String option, @Nullable Object value, String rule) {
        this(option, value, rule, null);
    }

    /** As {@link #InvalidOptionException(String, Object, String)}, with the failure that revealed the violation. */
    public InvalidOptionException(String option, @Nullable Object value, String rule,
                                  @Nullable Throwable cause) {
        super(Objects.requireNonNull(option, "option") + ": " + shown(value) + " violates "
                + Objects.requireNonNull(rule, "rule"), cause);
        this.option = option;
        this.value = value == null ? null : String.valueOf(value);
        this.rule = rule;
        this.shown = shown(value);
    }

    /** The option's name, e.g. {@code RetryPolicy.maxAttempts} or {@code maxConnections}. */
    public String option() {
        return option;
    }

    /** The rejected value as text, unshortened (redacted if it may hold a secret); {@code null} when it was missing. */
    public @Nullable String value() {
        return value;
    }

    /** The rule, e.g. {@code >= 1} or {@code 0..PT1S}. */
    public String rule() {
        return rule;
    }

    /**
     * This violation described under another name for the option, such as the property or command-line flag it came
     * from: {@code describedAs("--redis")} gives {@code --redis: "redis://<redacted>@host" violates ...}.
     */
    public String describedAs(String name) {
        return name + ": " + shown + " violates " + rule;
    }

    /** Text quoted as request members are; numbers, durations and other values as they print. */
    private static String shown(@Nullable Object value) {
        return value instanceof CharSequence ? RequestValidationException.show(value) : String.valueOf(value);
    }
}
