package dev.gatehouse.web.templates;

import io.pebbletemplates.pebble.error.PebbleException;

/** Turns Pebble's exceptions into a {@link TemplateException} whose message starts with "file:line:". */
final class TemplateErrors {
    private TemplateErrors() {}

    static TemplateException translate(String rendered, PebbleException e) {
        // The innermost Pebble error with a file is where the mistake is (an included or parent template).
        String file = e.getFileName();
        Integer line = e.getLineNumber();
        String message = e.getPebbleMessage();
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof TemplateException te) return te; // from our loader, already located
            if (t instanceof PebbleException inner && inner.getFileName() != null) {
                file = inner.getFileName();
                line = inner.getLineNumber();
                message = inner.getPebbleMessage();
            }
        }
        if (file == null) file = rendered;
        return new TemplateException(located(file, line, message), file, line, e);
    }

    private static String located(String file, Integer line, String message) {
        return line == null ? file + ": " + message : file + ":" + line + ": " + message;
    }
}
