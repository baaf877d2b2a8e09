package io.github.ddbbackup.reactor;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Headers as they may be logged: the SigV4 signature and the session token replaced by a marker. */
final class Redaction {

    static final String MARK = "<redacted>";
    private static final Pattern SIGNATURE = Pattern.compile("Signature=[0-9a-fA-F]+");

    private Redaction() {
    }

    static String headers(HttpHeaders headers) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        for (Map.Entry<String, String> header : headers) {
            out.add(header.getKey() + "=" + value(header.getKey(), header.getValue()));
        }
        return out.toString();
    }

    static String value(String name, String value) {
        if (name.equalsIgnoreCase("Authorization")) {
            return SIGNATURE.matcher(value).replaceAll("Signature=" + MARK);
        }
        if (name.equalsIgnoreCase("X-Amz-Security-Token")) {
            return MARK;
        }
        return value;
    }
}
