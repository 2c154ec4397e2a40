package dev.gatehouse.core;

import java.io.IOException;

/** The peer closed or reset the connection, or stopped reading past the write timeout. */
public class ClientGoneException extends IOException {
    public ClientGoneException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClientGoneException(String message) {
        super(message);
    }
}
