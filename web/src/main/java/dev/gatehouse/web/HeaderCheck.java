package dev.gatehouse.web;

import dev.gatehouse.api.Header;

/**
 * Response headers checked where the app sets them: a name that is not an RFC 9110 token, or a
 * value with CR, LF, NUL or another control character (say, user input carrying
 * {@code "\r\nSet-Cookie: ..."}), throws there, naming the header, instead of failing later at
 * start_response, far from the code that set it.
 */
final class HeaderCheck {
    private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HeaderCheck() {
    }

    static Header of(String name, String value) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(HeaderCheck::isTchar)) {
            throw new IllegalArgumentException("header name is not an RFC 9110 token: " + name);
        }
        if (value == null) throw new IllegalArgumentException("header " + name + " has a null value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                throw new IllegalArgumentException("header " + name + " has a control character or one outside ISO-8859-1 "
                        + "(U+" + String.format("%04X", (int) c) + ") in its value; encode it first");
            }
        }
        return Header.of(name, value);
    }

    private static boolean isTchar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || TCHAR_SYMBOLS.indexOf(c) >= 0;
    }
}
