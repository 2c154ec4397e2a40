package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.data.Database;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Secrets made once and kept in the database, so that every process of the app shares them: under
 * CGI each request is a new process, and a key made in memory would not verify the cookie the
 * previous one signed.
 */
final class AppSecrets {
    private static final String SESSION_KEY = "session-key";
    private static final int KEY_BYTES = 32;
    private final Database db;

    AppSecrets(Database db) {
        this.db = db;
    }

    /** The session signing key: the stored one, or a new random one stored first (the first process to store wins). */
    byte[] sessionKey() {
        byte[] candidate = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(candidate);
        db.update("INSERT INTO app_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", SESSION_KEY, HexFormat.of().formatHex(candidate));
        String stored = db.queryOne("SELECT value FROM app_secrets WHERE name = ?", row -> row.getString("value"), SESSION_KEY);
        return HexFormat.of().parseHex(stored);
    }
}
