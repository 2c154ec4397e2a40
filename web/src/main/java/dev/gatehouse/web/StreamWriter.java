package dev.gatehouse.web;

import java.io.OutputStream;

/**
 * A response body written by the app as it goes (a report, a CSV export...). It runs after the
 * status and headers are decided; the stream must not be closed by the callback. An exception
 * after the first bytes went out aborts the connection, since the status can no longer change.
 */
@FunctionalInterface
public interface StreamWriter {
    void writeTo(OutputStream out) throws Exception;
}
