package dev.gatehouse.cgi.client;

/**
 * A request the CGI runner answers itself, with {@link #status()}, instead of a script's answer:
 * a script refused or not found (403, 404), every slot busy (503), a script that failed (502) or
 * ran past its timeout (504). The message names the reason and goes to the log, never to the client.
 */
final class CgiScriptException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    CgiScriptException(int status, String message) {
        super(message);
        this.status = status;
    }

    CgiScriptException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    int status() {
        return status;
    }
}
