package dev.gatehouse.web;

import java.nio.file.Path;

/**
 * The limits and switches of a {@link WebApp}. Each limit is named once here, with its default in
 * {@link #defaults()}; a breach answers 413 (sizes, part count) or 400 (part headers), with a
 * message naming the limit.
 *
 * @param maxFormBytes urlencoded body, and the text fields of a multipart body together (1 MiB)
 * @param maxFormFields name=value pairs of an urlencoded body (1000): a megabyte of "&amp;&amp;&amp;"
 *     would otherwise become half a million values
 * @param maxParts parts in a multipart body (100)
 * @param maxPartHeaderBytes the header block of one multipart part (16 KiB)
 * @param memoryThreshold the most upload bytes a request keeps in memory, all its uploads together;
 *     an upload that would pass it streams to a temp file (256 KiB)
 * @param maxUploadBytes one uploaded file (64 MiB)
 * @param maxBodyBytes a whole request body: raw, JSON, form or multipart (72 MiB)
 * @param tempDir where large uploads go; null for {@code java.io.tmpdir}
 * @param devMode debug error pages with stack traces; never switch it on in production
 */
public record WebConfig(long maxFormBytes, int maxFormFields, int maxParts, int maxPartHeaderBytes, long memoryThreshold,
                        long maxUploadBytes, long maxBodyBytes, Path tempDir, boolean devMode) {
    public static final long KIB = 1024;
    public static final long MIB = 1024 * KIB;

    public WebConfig {
        if (maxFormBytes < 0 || maxFormFields < 1 || maxParts < 1 || maxPartHeaderBytes < 64 || memoryThreshold < 0
                || maxUploadBytes < 0 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("web limits must be positive (maxFormFields and maxParts >= 1, maxPartHeaderBytes >= 64)");
        }
    }

    public static WebConfig defaults() {
        return new WebConfig(MIB, 1000, 100, (int) (16 * KIB), 256 * KIB, 64 * MIB, 72 * MIB, null, false);
    }

    public WebConfig withMaxFormBytes(long n) {
        return new WebConfig(n, maxFormFields, maxParts, maxPartHeaderBytes, memoryThreshold, maxUploadBytes, maxBodyBytes, tempDir, devMode);
    }

    public WebConfig withMaxFormFields(int n) {
        return new WebConfig(maxFormBytes, n, maxParts, maxPartHeaderBytes, memoryThreshold, maxUploadBytes, maxBodyBytes, tempDir, devMode);
    }

    public WebConfig withMaxParts(int n) {
        return new WebConfig(maxFormBytes, maxFormFields, n, maxPartHeaderBytes, memoryThreshold, maxUploadBytes, maxBodyBytes, tempDir, devMode);
    }

    public WebConfig withMaxPartHeaderBytes(int n) {
        return new WebConfig(maxFormBytes, maxFormFields, maxParts, n, memoryThreshold, maxUploadBytes, maxBodyBytes, tempDir, devMode);
    }

    public WebConfig withMemoryThreshold(long n) {
        return new WebConfig(maxFormBytes, maxFormFields, maxParts, maxPartHeaderBytes, n, maxUploadBytes, maxBodyBytes, tempDir, devMode);
    }

    public WebConfig withMaxUploadBytes(long n) {
        return new WebConfig(maxFormBytes, maxFormFields, maxParts, maxPartHeaderBytes, memoryThreshold, n, maxBodyBytes, tempDir, devMode);
    }

    public WebConfig withMaxBodyBytes(long n) {
        return new WebConfig(maxFormBytes, maxFormFields, maxParts, maxPartHeaderBytes, memoryThreshold, maxUploadBytes, n, tempDir, devMode);
    }

    public WebConfig withTempDir(Path dir) {
        return new WebConfig(maxFormBytes, maxFormFields, maxParts, maxPartHeaderBytes, memoryThreshold, maxUploadBytes, maxBodyBytes, dir, devMode);
    }

    public WebConfig withDevMode(boolean on) {
        return new WebConfig(maxFormBytes, maxFormFields, maxParts, maxPartHeaderBytes, memoryThreshold, maxUploadBytes, maxBodyBytes, tempDir, on);
    }
}
