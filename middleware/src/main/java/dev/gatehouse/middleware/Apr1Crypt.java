package dev.gatehouse.middleware;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The MD5-based crypt of htpasswd's default format, {@code $apr1$salt$hash} (APR's
 * {@code apr_md5_encode}), and the identical FreeBSD/glibc {@code $1$} variant: an MD5 of the
 * password, the magic and the salt, stirred 1000 times, written in crypt's base-64 alphabet.
 * Insecure by today's standards (fast, unsalted-ish), supported so existing files keep working.
 */
final class Apr1Crypt {
    private static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Apr1Crypt() {
    }

    /**
     * The full hash string for {@code password} with {@code magic} ({@code "$apr1$"} or
     * {@code "$1$"}) and {@code salt} (at most 8 characters are used).
     */
    static String crypt(byte[] password, String magic, String salt) {
        byte[] saltBytes = (salt.length() > 8 ? salt.substring(0, 8) : salt).getBytes(StandardCharsets.ISO_8859_1);
        byte[] magicBytes = magic.getBytes(StandardCharsets.US_ASCII);

        MessageDigest alternate = md5();
        alternate.update(password);
        alternate.update(saltBytes);
        alternate.update(password);
        byte[] alt = alternate.digest();

        MessageDigest main = md5();
        main.update(password);
        main.update(magicBytes);
        main.update(saltBytes);
        for (int left = password.length; left > 0; left -= 16) main.update(alt, 0, Math.min(left, 16));
        for (int bits = password.length; bits != 0; bits >>>= 1) {
            if ((bits & 1) != 0) main.update((byte) 0);
            else main.update(password.length > 0 ? password[0] : 0);
        }
        byte[] sum = main.digest();

        for (int round = 0; round < 1000; round++) {
            MessageDigest step = md5();
            if ((round & 1) != 0) step.update(password);
            else step.update(sum);
            if (round % 3 != 0) step.update(saltBytes);
            if (round % 7 != 0) step.update(password);
            if ((round & 1) != 0) step.update(sum);
            else step.update(password);
            sum = step.digest();
        }

        StringBuilder out = new StringBuilder(magic.length() + saltBytes.length + 23);
        out.append(magic).append(new String(saltBytes, StandardCharsets.ISO_8859_1)).append('$');
        encode(out, sum[0], sum[6], sum[12], 4);
        encode(out, sum[1], sum[7], sum[13], 4);
        encode(out, sum[2], sum[8], sum[14], 4);
        encode(out, sum[3], sum[9], sum[15], 4);
        encode(out, sum[4], sum[10], sum[5], 4);
        encode(out, (byte) 0, (byte) 0, sum[11], 2);
        return out.toString();
    }

    private static void encode(StringBuilder out, byte high, byte mid, byte low, int chars) {
        int v = (high & 0xFF) << 16 | (mid & 0xFF) << 8 | (low & 0xFF);
        for (int i = 0; i < chars; i++) {
            out.append(ALPHABET.charAt(v & 0x3F));
            v >>>= 6;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
