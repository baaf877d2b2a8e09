package io.github.ddbbackup.core.internal;

/**
 * URLs as they may appear in messages and logs: without the user info, where passwords and keys hide. Works on the
 * text, not on a parsed URI, because the URLs that most need it are the ones that do not parse (a password with
 * {@code /} or a space in it, a host with {@code _}).
 */
public final class UrlRedaction {

    /** What replaces the user info. */
    public static final String MARK = "<redacted>";

    private UrlRedaction() {
    }

    /**
     * {@code url} with everything between {@code ://} (or the start) and the last {@code @} replaced by
     * {@link #MARK}: {@code redis://:pa/ss@host:6379} becomes {@code redis://<redacted>@host:6379}. Text without
     * {@code @} is returned as it is. Redacts too much rather than too little: an {@code @} in a path takes the
     * authority with it.
     */
    public static String withoutUserInfo(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int scheme = url.indexOf("://");
        int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        return url.substring(0, start) + MARK + url.substring(at);
    }
}
