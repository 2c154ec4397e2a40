package dev.gatehouse.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Submitted values and uploads by field name, in the order they came. */
final class FormData {
    static final FormData EMPTY = new FormData();

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, List<Upload>> uploads = new LinkedHashMap<>();

    void add(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }

    void add(Upload upload) {
        uploads.computeIfAbsent(upload.fieldName(), k -> new ArrayList<>(1)).add(upload);
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    List<Upload> uploads(String name) {
        return uploads.getOrDefault(name, List.of());
    }

    Map<String, List<String>> allValues() {
        return values;
    }

    Map<String, List<Upload>> allUploads() {
        return uploads;
    }
}
