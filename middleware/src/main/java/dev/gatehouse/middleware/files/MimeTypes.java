package dev.gatehouse.middleware.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code Content-Type} of a file from its extension: the configured extra types first, then
 * the built-in table ({@code mime.types} next to this class, from Debian's public-domain
 * {@code media-types}), then the default type. Text types get the configured charset.
 */
final class MimeTypes {
    private static final Map<String, String> BUILT_IN = load();

    private final Map<String, String> extra;
    private final String defaultType;
    private final String charset;
    private final Set<String> charsetTypes;

    MimeTypes(StaticFilesConfig config) {
        this.extra = config.extraTypes();
        this.defaultType = config.defaultType();
        this.charset = config.defaultCharset();
        this.charsetTypes = config.charsetTypes();
    }

    /** The media type for {@code fileName}, without parameters. */
    String typeOf(String fileName) {
        String ext = extension(fileName);
        if (ext == null) return defaultType;
        String type = extra.get(ext);
        if (type == null) type = BUILT_IN.get(ext);
        return type == null ? defaultType : type;
    }

    /** The full {@code Content-Type} value for {@code fileName}, with a charset for text types. */
    String contentType(String fileName) {
        return withCharset(typeOf(fileName));
    }

    String withCharset(String type) {
        if (charset == null || type.indexOf(';') >= 0) return type;
        String lower = asciiLower(type);
        boolean text = charsetTypes.contains(lower)
                || (lower.startsWith("text/") && charsetTypes.contains("text/*"));
        return text ? type + "; charset=" + charset : type;
    }

    /** The lower-cased extension of a file name, or null: {@code .bashrc} has none, {@code a.tar.gz} has {@code gz}. */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0 || dot == fileName.length() - 1) return null;
        return asciiLower(fileName.substring(dot + 1));
    }

    /** Lower-cases ASCII letters only, whatever the default locale (no Turkish dotless i). */
    static String asciiLower(String s) {
        char[] chars = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) chars = s.toCharArray();
                chars[i] = (char) (c + 32);
            }
        }
        return chars == null ? s : new String(chars);
    }

    private static Map<String, String> load() {
        Map<String, String> map = new HashMap<>(2048);
        try (InputStream in = MimeTypes.class.getResourceAsStream("mime.types")) {
            if (in == null) throw new IllegalStateException("mime.types is missing from the class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] fields = line.trim().split("\\s+");
                for (int i = 1; i < fields.length; i++) map.putIfAbsent(asciiLower(fields[i]), fields[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mime.types", e);
        }
        return Map.copyOf(map);
    }
}
