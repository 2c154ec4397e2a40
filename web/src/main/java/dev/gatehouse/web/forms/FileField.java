package dev.gatehouse.web.forms;

import dev.gatehouse.web.Upload;
import java.util.List;
import java.util.Locale;

/** A file upload, read from {@link dev.gatehouse.web.FormInput#upload(String)}; never re-rendered with a value. */
public final class FileField extends Field<FileField> {
    private long maxBytes = Long.MAX_VALUE;
    private List<String> contentTypes = List.of();

    FileField(String name) {
        super(name, DEFAULT_MAX_CHARS);
    }

    /** Rejects larger files with "File too large". (The request parser bounds sizes first.) */
    public FileField maxBytes(long max) {
        if (max < 1) throw new IllegalArgumentException("maxBytes must be positive");
        checkOpen();
        this.maxBytes = max;
        return this;
    }

    /** Accepts only these content types (and hints them to the browser with {@code accept}). */
    public FileField accept(String... types) {
        checkOpen();
        this.contentTypes = List.of(types);
        return attr("accept", String.join(",", types));
    }

    /** The error message for {@code upload} (null when none was sent), or null when it is acceptable. */
    String checkUpload(Upload upload) {
        boolean present = upload != null && (upload.size() > 0 || !upload.fileName().isEmpty());
        if (!present) {
            for (Validator v : validators()) {
                if (v.checksEmpty()) return v.message();
            }
            return null;
        }
        if (upload.size() > maxBytes) return "File too large (at most " + maxBytes + " bytes)";
        if (!contentTypes.isEmpty() && !contentTypes.contains(upload.contentType().toLowerCase(Locale.ROOT))) {
            return "File type not accepted (" + String.join(", ", contentTypes) + ")";
        }
        for (Validator v : validators()) {
            if (!v.checksEmpty() && !v.test().test(upload.fileName())) return v.message();
        }
        return null;
    }

    @Override
    void renderControl(StringBuilder out, String id, FieldState state, String describedBy) {
        out.append("<input type=\"file\"");
        commonAttributes(out, id, state, describedBy);
        out.append('>');
    }
}
