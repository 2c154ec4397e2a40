package dev.gatehouse.web.forms;

import dev.gatehouse.web.Upload;
import java.util.List;

/** What one field of a bound form holds: its values, its upload and its error. Per request. */
final class FieldState {
    List<String> values = List.of();
    Upload upload;
    String error;

    String first() {
        return values.isEmpty() ? "" : values.getFirst();
    }
}
