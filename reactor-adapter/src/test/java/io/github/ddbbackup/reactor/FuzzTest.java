package io.github.ddbbackup.reactor;

import io.github.ddbbackup.ratelimit.RateLimiter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ddbbackup.core.Operation;
import io.github.ddbbackup.core.DescribeBackupRequest;
import io.github.ddbbackup.core.InvalidOptionException;
import io.github.ddbbackup.core.RequestValidationException;
import io.github.ddbbackup.core.internal.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Generated names, ARNs and templates, valid and not (unicode, control characters, huge): invalid ones never reach
 * the network and fail only with {@link RequestValidationException}; valid ones are sent.
 */
class FuzzTest {

    static final String[] ALPHABETS = {"abcXYZ019_.-", " /:\\\"'{}[]", "\u0000\u0007\n\r\t\u001b\u007f\u009b",
            "éüßΩжあ漢", "\uD83D\uDE00\u202E\u200B\u2028"};

    static String generate(Random random) {
        int length = switch (random.nextInt(6)) {
            case 0 -> random.nextInt(4);
            case 1 -> 250 + random.nextInt(10);
            case 2 -> 1020 + random.nextInt(10);
            case 3 -> random.nextInt(5000);
            default -> 3 + random.nextInt(40);
        };
        StringBuilder s = new StringBuilder(length);
        String alphabet = ALPHABETS[random.nextInt(4) == 0 ? random.nextInt(ALPHABETS.length) : 0];
        for (int i = 0; i < length; i++) {
            String pick = random.nextInt(10) == 0 ? ALPHABETS[random.nextInt(ALPHABETS.length)] : alphabet;
            s.append(pick.charAt(random.nextInt(pick.length())));
        }
        if (random.nextInt(8) == 0) {
            return "arn:aws:dynamodb:us-east-1:123456789012:table/" + s;
        }
        return s.toString();
    }

    @Test
    void generatedInputIsSentOnlyWhenValidAndOtherwiseRefusedWithTheValidationType() {
        Random random = new Random(20261121L);
        int valid = 0;
        int validArns = 0;
        int longValidArns = 0;
        for (int i = 0; i < 3000; i++) {
            String table = generate(random);
            String name = generate(random);
            boolean expectValid = isValidTable(table) && Validation.isValidBackupName(name);
            // Only valid input is expected on the wire: anything else sent fails the call with an AssertionError.
            ScriptedExchange server = new ScriptedExchange();
            if (expectValid) {
                server.expect(Operation.CREATE_BACKUP, request -> {
                    assertEquals(table, request.tableName(), "sent exactly as given");
                    assertEquals(name, request.backupName(), "sent exactly as given");
                }).thenRespond(200, ScriptedClientTest.CREATED);
            }
            Throwable error = client(server).createBackup(table, name).then(Mono.<Throwable>empty())
                    .onErrorResume(Mono::just).block(Duration.ofSeconds(5));
            if (expectValid) {
                valid++;
                assertEquals(null, error, "valid input " + table + " / " + name);
                assertEquals(1, server.sent().size());
            } else {
                assertTrue(error instanceof RequestValidationException, "unexpected " + error);
                assertEquals(0, server.sent().size(), "invalid input reached the wire");
            }

            String arn = generate(random);
            ScriptedExchange describeServer = new ScriptedExchange();
            if (isValidBackupArn(arn)) {
                describeServer.expect(Operation.DESCRIBE_BACKUP,
                                request -> assertEquals(arn, request.backupArn(), "sent exactly as given"))
                        .thenRespond(200, ScriptedClientTest.describe("AVAILABLE"));
            }
            Throwable describeError = client(describeServer).describeBackup(arn).then(Mono.<Throwable>empty())
                    .onErrorResume(Mono::just).block(Duration.ofSeconds(5));
            if (isValidBackupArn(arn)) {
                validArns++;
                longValidArns += arn.length() >= 1000 ? 1 : 0;
                assertEquals(null, describeError, "valid ARN of " + arn.length() + " characters");
                assertEquals(1, describeServer.sent().size());
            } else {
                RequestValidationException refused = assertInstanceOf(RequestValidationException.class,
                        describeError, "invalid ARN of " + arn.length() + " characters");
                assertEquals("BackupArn", refused.field());
                assertEquals(0, describeServer.sent().size(), "an invalid ARN reached the wire");
            }

            try {
                BackupPlan plan = BackupPlan.builder().nameTemplate(generate(random) + "{table}").build();
                String generated = plan.backupNameFor(table, Instant.parse("2026-11-21T12:00:00Z"));
                assertTrue(Validation.isValidBackupName(generated), "generated name " + generated);
            } catch (InvalidOptionException refused) {
                assertEquals("BackupPlan.nameTemplate", refused.option());
            }
        }
        assertTrue(valid >= 20, "the generator (seeded) produced valid inputs too: " + valid);
        assertTrue(validArns >= 1000, "the generator (seeded) produced valid ARNs: " + validArns);
        assertTrue(longValidArns >= 100, "and valid ARNs of 1,000 characters or more: " + longValidArns);
    }

    static boolean isValidTable(String table) {
        return passes(() -> Validation.tableNameOrArn("TableName", table));
    }

    static boolean isValidBackupArn(String arn) {
        return passes(() -> Validation.backupArn("BackupArn", arn));
    }

    private static boolean passes(Runnable validation) {
        try {
            validation.run();
            return true;
        } catch (RequestValidationException e) {
            return false;
        }
    }

    static DynamoDbBackupClient client(ScriptedExchange server) {
        return ScriptedClients.builder(server).rateLimiter(RateLimiter.UNLIMITED).retryPolicy(RetryPolicy.NONE)
                .build();
    }
}
