package dev.gatehouse.middleware;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** One password hash of an htpasswd file, in a format {@link BasicAuth} checks; every comparison is constant-time. */
sealed interface PasswordHash {
    boolean matches(byte[] password);

    /** {@code $2y$}, {@code $2a$}, {@code $2b$} bcrypt (htpasswd -B). Passwords past 72 bytes are cut there, as crypt_blowfish does. */
    record Bcrypt(String hash, int cost) implements PasswordHash {
        private static final BCrypt.Verifyer VERIFYER =
                BCrypt.verifyer(BCrypt.Version.VERSION_2Y, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2Y));

        @Override
        public boolean matches(byte[] password) {
            return VERIFYER.verify(password, hash.getBytes(StandardCharsets.US_ASCII)).verified;
        }

        /** Parses {@code $2y$NN$} + 53 characters of salt and hash; null if it is not that. */
        static Bcrypt parse(String hash) {
            if (hash.length() != 60 || hash.charAt(0) != '$' || hash.charAt(1) != '2' || hash.charAt(3) != '$'
                    || hash.charAt(6) != '$' || "ayb".indexOf(hash.charAt(2)) < 0) {
                return null;
            }
            char d1 = hash.charAt(4);
            char d2 = hash.charAt(5);
            if (d1 < '0' || d1 > '9' || d2 < '0' || d2 > '9') return null;
            int cost = (d1 - '0') * 10 + (d2 - '0');
            if (cost < 4 || cost > 31) return null;
            for (int i = 7; i < 60; i++) {
                char c = hash.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '/';
                if (!ok) return null;
            }
            return new Bcrypt(hash, cost);
        }
    }

    /** {@code {SHA}} + base64 of the SHA-1 of the password (htpasswd -s); unsalted, insecure. */
    record Sha1(byte[] digest) implements PasswordHash {
        @Override
        public boolean matches(byte[] password) {
            try {
                return MessageDigest.isEqual(digest, MessageDigest.getInstance("SHA-1").digest(password));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-1", e);
            }
        }

        static Sha1 parse(String hash) {
            if (!hash.startsWith("{SHA}")) return null;
            try {
                byte[] digest = Base64.getDecoder().decode(hash.substring(5));
                return digest.length == 20 ? new Sha1(digest) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** {@code $apr1$salt$hash} (htpasswd -m, its default) or {@code $1$salt$hash}: MD5 crypt; insecure. */
    record Md5Crypt(String hash, String magic, String salt) implements PasswordHash {
        @Override
        public boolean matches(byte[] password) {
            byte[] computed = Apr1Crypt.crypt(password, magic, salt).getBytes(StandardCharsets.ISO_8859_1);
            return MessageDigest.isEqual(computed, hash.getBytes(StandardCharsets.ISO_8859_1));
        }

        static Md5Crypt parse(String hash) {
            String magic = hash.startsWith("$apr1$") ? "$apr1$" : hash.startsWith("$1$") ? "$1$" : null;
            if (magic == null) return null;
            int end = hash.indexOf('$', magic.length());
            if (end < 0 || end - magic.length() > 8 || hash.length() != end + 1 + 22) return null;
            return new Md5Crypt(hash, magic, hash.substring(magic.length(), end));
        }
    }

    /** A hash in {@code line}'s format, or null if Gatehouse does not check that format. */
    static PasswordHash parse(String hash) {
        if (hash.startsWith("$2")) return Bcrypt.parse(hash);
        if (hash.startsWith("{SHA}")) return Sha1.parse(hash);
        if (hash.startsWith("$apr1$") || hash.startsWith("$1$")) return Md5Crypt.parse(hash);
        return null;
    }

    /** What an unsupported or malformed hash looks like, for the log line that refuses it. */
    static String describe(String hash) {
        if (hash.startsWith("$5$")) return "SHA-256 crypt ($5$)";
        if (hash.startsWith("$6$")) return "SHA-512 crypt ($6$)";
        if (hash.startsWith("$2")) return "malformed or unsupported bcrypt";
        if (hash.startsWith("{SHA}")) return "malformed {SHA}";
        if (hash.startsWith("$apr1$") || hash.startsWith("$1$")) return "malformed MD5 crypt";
        if (hash.startsWith("$")) return "unknown crypt scheme";
        if (hash.length() == 13) return "DES crypt (htpasswd -d)";
        return "plain text or unknown";
    }
}
