package dev.gatehouse.middleware.files;

import java.nio.charset.StandardCharsets;

/** Whether this JVM can name non-ASCII files: the JDK encodes file names by the locale (LANG=C cannot). */
final class FileNames {
    private FileNames() {
    }

    static boolean utf8() {
        String jnu = System.getProperty("sun.jnu.encoding", "");
        return jnu.equalsIgnoreCase(StandardCharsets.UTF_8.name()) || jnu.equalsIgnoreCase("utf8");
    }

    static final String NO_UTF8 = "file names are not UTF-8 in this locale (sun.jnu.encoding="
            + System.getProperty("sun.jnu.encoding") + "); run with LANG=C.UTF-8";
}
