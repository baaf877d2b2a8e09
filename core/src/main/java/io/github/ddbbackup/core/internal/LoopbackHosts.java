package io.github.ddbbackup.core.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a host is this machine, by its literal form only, with no DNS lookup: where plain http, an unlimited rate or
 * a plain-text password is acceptable because nothing crosses a network.
 */
public final class LoopbackHosts {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private LoopbackHosts() {
    }

    /** {@code localhost} (and {@code *.localhost}), {@code 127.x.y.z}, {@code ::1} with or without brackets. */
    public static boolean isLoopback(@Nullable String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || IPV4_LOOPBACK.matcher(h).matches();
    }
}
