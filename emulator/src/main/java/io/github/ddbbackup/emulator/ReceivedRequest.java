package io.github.ddbbackup.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request the emulator received, and what it did with it.
 *
 * @param requestId  the {@code x-amzn-RequestId} it answered with
 * @param operation  the operation named by {@code X-Amz-Target} (e.g. {@code CreateBackup}), the raw header value when
 *                   it is not of the form {@code DynamoDB_20120810.<Operation>}, or {@code ""} when absent
 * @param receivedAt when the body had been received, by the emulator's clock
 * @param headers    the request headers by lower-case name; the signature in {@code authorization} and the whole
 *                   {@code x-amz-security-token} are replaced by {@value #REDACTED}
 * @param status     the HTTP status answered, or 0 when the connection was closed without a response
 * @param errorCode  the error code answered, if any (e.g. {@code LimitExceededException})
 * @param fault      the fault injected ({@link Fault#none()} for most)
 */
public record ReceivedRequest(
        String requestId,
        String operation,
        Instant receivedAt,
        Map<String, List<String>> headers,
        int status,
        Optional<String> errorCode,
        Fault fault) {

    /** What replaces secrets in {@link #headers()}. */
    public static final String REDACTED = "<redacted>";

    /** Copies the headers, so the record stays immutable. */
    public ReceivedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (any case), if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
