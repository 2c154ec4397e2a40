package dev.gatehouse.web.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and tokens: 256 bits from {@link SecureRandom}, base64url without padding. */
final class SessionIds {
    static final int BYTES = 32;
    /** The length of an encoded id: 32 bytes as unpadded base64url. */
    static final int LENGTH = 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    static String newId() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True when {@code s} has the shape of an id we issued (checked before any store lookup). */
    static boolean looksValid(String s) {
        if (s == null || s.length() != LENGTH) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) return false;
        }
        return true;
    }
}
