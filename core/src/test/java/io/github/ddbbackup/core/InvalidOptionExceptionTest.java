package io.github.ddbbackup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configuration error's account of what is wrong: option, value and rule, in the request errors' form. */
class InvalidOptionExceptionTest {

    @Test
    void numbersAndDurationsAreShownAsTheyPrintAndTextIsQuoted() {
        assertEquals("RetryPolicy.maxAttempts: 0 violates >= 1",
                new InvalidOptionException("RetryPolicy.maxAttempts", 0, ">= 1").getMessage());
        assertEquals("Timeouts.connect: PT0S violates > 0",
                new InvalidOptionException("Timeouts.connect", Duration.ZERO, "> 0").getMessage());
        assertEquals("region: \" \" violates non-blank",
                new InvalidOptionException("region", " ", "non-blank").getMessage());
        assertEquals("region: null violates non-blank",
                new InvalidOptionException("region", null, "non-blank").getMessage());
    }

    @Test
    void textIsEscapedAndShortenedAsRequestMembersAreButTheAccessorKeepsItWhole() {
        String long100 = "x".repeat(99) + "\n";
        InvalidOptionException e = new InvalidOptionException("RedisRateLimiter.keyPrefix", long100, "short");
        assertEquals("RedisRateLimiter.keyPrefix: \"" + "x".repeat(64) + "\"... (100 chars) violates short",
                e.getMessage());
        assertEquals(long100, e.value());
        assertEquals("a: \"tab\\u0009\" violates r", new InvalidOptionException("a", "tab\t", "r").getMessage());
    }

    @Test
    void accessorsGiveOptionValueAndRuleAndItIsAnIllegalArgumentException() {
        IllegalStateException cause = new IllegalStateException("why");
        InvalidOptionException e = new InvalidOptionException("RateLimit.burst", 51, "1..50", cause);
        assertEquals("RateLimit.burst", e.option());
        assertEquals("51", e.value());
        assertEquals("1..50", e.rule());
        assertSame(cause, e.getCause());
        assertInstanceOf(IllegalArgumentException.class, e);
        assertNull(new InvalidOptionException("region", null, "non-blank").value());
    }

    @Test
    void describedAsNamesTheViolationByWhereTheValueCameFrom() {
        InvalidOptionException e = new InvalidOptionException("RedisRateLimiter.redisUri",
                "http://<redacted>@127.0.0.1:6379", "redis://host");
        assertEquals("--redis: \"http://<redacted>@127.0.0.1:6379\" violates redis://host", e.describedAs("--redis"));
        assertEquals("ddb.backup.retry.max-attempts: 0 violates >= 1",
                new InvalidOptionException("RetryPolicy.maxAttempts", 0, ">= 1")
                        .describedAs("ddb.backup.retry.max-attempts"));
    }
}
