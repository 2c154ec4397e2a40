package dev.gatehouse.web;

import java.nio.charset.StandardCharsets;

/**
 * Makes URL text safe for a header: spaces, controls and non-ASCII characters are percent-encoded
 * as UTF-8 (what browsers do with a typed URL); everything else, '%' included, is kept as given.
 */
final class UriText {
    private static final String HEX = "0123456789ABCDEF";

    private UriText() {
    }

    static String escapeNonAscii(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x20 && c < 0x7f) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
            for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX.charAt((b >> 4) & 15)).append(HEX.charAt(b & 15));
            }
            i = end - 1;
        }
        return out == null ? text : out.toString();
    }
}
