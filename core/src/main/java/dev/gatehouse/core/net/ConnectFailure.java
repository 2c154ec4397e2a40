package dev.gatehouse.core.net;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

/** Why a connection to a backend could not be made, in the words of a gateway's log line and 502. */
public final class ConnectFailure {
    private ConnectFailure() {
    }

    public static String describe(IOException e) {
        if (e instanceof UnknownHostException) return e.getMessage();
        if (e instanceof ConnectException) return "connection refused or unreachable";
        return e.toString();
    }
}
