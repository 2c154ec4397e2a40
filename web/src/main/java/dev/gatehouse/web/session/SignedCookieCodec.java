package dev.gatehouse.web.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A whole session in one cookie value: {@code base64url(payload) "." base64url(HMAC-SHA256)}.
 * The payload carries a format version, the expiry (epoch seconds), the id and the values, so
 * the expiry cannot be changed without breaking the signature. Thread-safe.
 */
final class SignedCookieCodec {
    /** The minimum key size: HMAC-SHA256 is only as strong as a key of its block output size. */
    static final int MIN_KEY_BYTES = 32;

    private static final String VERSION = "s1";
    private static final int MAC_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    SignedCookieCodec(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the session signing key must have at least " + MIN_KEY_BYTES
                    + " bytes (got " + (key == null ? 0 : key.length) + "); generate one with: head -c 32 /dev/urandom | base64");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The decoded contents of a signed cookie value. */
    record Contents(String id, Map<String, String> data, Instant expires) {
    }

    String encode(String id, Map<String, String> data, Instant expires) {
        String payload = VERSION + "\n" + expires.getEpochSecond() + "\n" + id + "\n" + SessionData.encode(data);
        String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + B64.encodeToString(mac(encoded));
    }

    /**
     * The session in {@code value}, or throws {@link InvalidCookieException} saying why it is not
     * acceptable (tampered, truncated, signed with another key, expired, malformed).
     */
    Contents decode(String value, Instant now) {
        int dot = value.lastIndexOf('.');
        if (dot <= 0) throw new InvalidCookieException("no signature");
        String encoded = value.substring(0, dot);
        byte[] givenMac;
        try {
            givenMac = B64D.decode(value.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidCookieException("signature is not base64url");
        }
        if (givenMac.length != MAC_BYTES || !MessageDigest.isEqual(mac(encoded), givenMac)) {
            throw new InvalidCookieException("bad signature (tampered, truncated or signed with another key)");
        }
        String[] parts;
        try {
            parts = new String(B64D.decode(encoded), StandardCharsets.UTF_8).split("\n", 4);
        } catch (IllegalArgumentException e) {
            throw new InvalidCookieException("payload is not base64url");
        }
        if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].matches("[0-9]{1,12}")) {
            throw new InvalidCookieException("unknown payload format");
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        if (!now.isBefore(expires)) throw new InvalidCookieException("expired at " + expires);
        try {
            return new Contents(parts[2], SessionData.decode(parts[3]), expires);
        } catch (IllegalArgumentException e) {
            throw new InvalidCookieException("malformed values");
        }
    }

    private byte[] mac(String encoded) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(encoded.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Why a cookie was not accepted; logged at debug, never shown to the client. */
    static final class InvalidCookieException extends RuntimeException {
        InvalidCookieException(String message) {
            super(message, null, false, false);
        }
    }
}
