package dev.gatehouse.cli.config;

/** One thing wrong in a configuration file, at a line (1-based; 0 when it concerns the whole file). */
public record ConfigProblem(int line, String message) {
    /** {@code FILE:LINE: message}, as compilers write it, so editors can jump to it. */
    public String format(String file) {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
