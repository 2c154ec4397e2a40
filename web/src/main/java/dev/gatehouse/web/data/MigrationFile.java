package dev.gatehouse.web.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numbered migration file, e.g. {@code 001_create_requests.sql}: version 1.
 *
 * @param checksum SHA-256 of the text with line ends normalized to LF (so a checkout with CRLF
 *     line ends does not count as a change)
 */
public record MigrationFile(int version, String fileName, String sql, String checksum) {
    private static final Pattern NAME = Pattern.compile("([0-9]{1,9})_([A-Za-z0-9][A-Za-z0-9_.-]*)\\.sql");

    /** Reads the version from {@code fileName}; a {@link DataException} naming the file if it is not {@code NNN_name.sql}. */
    static MigrationFile of(String fileName, String text) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new DataException("migration file " + fileName + " is not named NNN_description.sql (digits, '_', letters, digits, '_', '.', '-')", null, null);
        }
        return new MigrationFile(Integer.parseInt(m.group(1)), fileName, text, checksum(text));
    }

    static String checksum(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
