package dev.gatehouse.cli.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Virtual host names as a host lists them: {@code example.com}, or {@code *.example.com} for every name below it. */
public final class HostNames {
    private static final Pattern NAME = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private HostNames() {
    }

    /** The name in lower case without a trailing dot; throws with a message when it is not a host name. */
    public static String normalize(String raw) {
        String n = raw.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("'" + raw + "' is not a host name (a name, or *.example.com for every name below example.com)");
        }
        return n;
    }
}
