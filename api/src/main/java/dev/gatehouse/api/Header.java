package dev.gatehouse.api;

import java.util.List;
import java.util.Objects;

/** One response header field. Names compare case-insensitively (ASCII only). */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static Header of(String name, String value) {
        return new Header(name, value);
    }

    public boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    /** The value of the first header named {@code name}, or null. */
    public static String find(List<Header> headers, String name) {
        for (Header h : headers) {
            if (h.is(name)) return h.value;
        }
        return null;
    }
}
