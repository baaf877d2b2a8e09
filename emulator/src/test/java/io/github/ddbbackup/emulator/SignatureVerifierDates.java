package io.github.ddbbackup.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats instants as X-Amz-Date does. */
final class SignatureVerifierDates {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SignatureVerifierDates() {
    }

    static String format(Instant instant) {
        return AMZ_DATE.format(instant);
    }
}
