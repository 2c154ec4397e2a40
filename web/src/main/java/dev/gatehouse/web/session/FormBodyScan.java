package dev.gatehouse.web.session;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Finds one small field in the start of a form body, without parsing the rest. */
final class FormBodyScan {
    private FormBodyScan() {
    }

    /** The boundary parameter of a multipart Content-Type, or null. */
    static String boundary(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.length() > 9 && p.substring(0, 9).equalsIgnoreCase("boundary=")) {
                String b = p.substring(9);
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) b = b.substring(1, b.length() - 1);
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /** The first value of {@code name} in a urlencoded body; a cut-off last pair is skipped. */
    static String urlencodedField(byte[] body, String name, boolean complete) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String[] pairs = text.split("&", -1);
        int usable = complete ? pairs.length : pairs.length - 1;
        for (int i = 0; i < usable; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            try {
                if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** The value of the part named {@code name}, if it lies wholly inside {@code body}. */
    static String multipartField(byte[] body, String boundary, String name) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        String wanted = "name=\"" + name + "\"";
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int headersStart = at + delimiter.length() + 2;
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            if (headersEnd < 0) return null;
            int next = text.indexOf("\r\n" + delimiter, headersEnd + 4);
            if (next < 0) return null;
            String headers = text.substring(headersStart, headersEnd).toLowerCase(Locale.ROOT);
            if (headers.startsWith("content-disposition") && headers.contains(wanted.toLowerCase(Locale.ROOT))
                    && !headers.contains("filename=")) {
                return text.substring(headersEnd + 4, next);
            }
            at = next + 2;
        }
        return null;
    }
}
