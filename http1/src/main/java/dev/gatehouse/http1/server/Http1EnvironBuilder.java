package dev.gatehouse.http1.server;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.GatewayEnviron;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.http1.codec.Http1Exception;
import dev.gatehouse.http1.codec.Http1Headers;
import dev.gatehouse.http1.codec.Http1Request;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Maps a decoded request onto the environ; what is the same for every request of a connection is computed once. */
final class Http1EnvironBuilder {
    private final String remoteAddr;
    private final String remotePort;
    private final String serverName;
    private final String serverPort;
    private final PrintStream errors;

    Http1EnvironBuilder(SocketAddress remote, SocketAddress local, PrintStream errors) {
        this.errors = errors;
        if (remote instanceof InetSocketAddress r) {
            remoteAddr = r.getAddress().getHostAddress();
            remotePort = Integer.toString(r.getPort());
        } else {
            remoteAddr = "unix:";
            remotePort = "";
        }
        if (local instanceof InetSocketAddress l) {
            serverName = l.getAddress().getHostAddress();
            serverPort = Integer.toString(l.getPort());
        } else {
            serverName = "localhost";
            serverPort = "80";
        }
    }

    Environ build(Http1Request request, InputStream input) throws Http1Exception {
        Environ env = new Environ();
        String pathInfo = PathCodec.decode(request.path());
        if (pathInfo == null) throw Http1Exception.badRequest("malformed percent-escape in the path");
        env.put(EnvironKeys.REQUEST_METHOD, request.method());
        env.put(EnvironKeys.SCRIPT_NAME, "");
        env.put(EnvironKeys.PATH_INFO, pathInfo);
        env.put(EnvironKeys.QUERY_STRING, request.query());
        env.put(EnvironKeys.REQUEST_URI, request.target());
        env.put(EnvironKeys.SERVER_PROTOCOL, request.protocol());
        env.put(EnvironKeys.REMOTE_ADDR, remoteAddr);
        env.put(EnvironKeys.REMOTE_PORT, remotePort);
        putServerNameAndPort(env, request.host());
        putHeaders(env, request.headers());
        if (request.chunked()) env.remove(EnvironKeys.CONTENT_LENGTH);
        GatewayEnviron.put(env, "http", input, errors);
        return env;
    }

    private void putServerNameAndPort(Environ env, String host) {
        if (host == null || host.isEmpty()) {
            env.put(EnvironKeys.SERVER_NAME, serverName);
            env.put(EnvironKeys.SERVER_PORT, serverPort);
            return;
        }
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']') && colon < host.length() - 1) {
            env.put(EnvironKeys.SERVER_NAME, host.substring(0, colon));
            env.put(EnvironKeys.SERVER_PORT, host.substring(colon + 1));
        } else {
            env.put(EnvironKeys.SERVER_NAME, colon == host.length() - 1 ? host.substring(0, colon) : host);
            env.put(EnvironKeys.SERVER_PORT, "80");
        }
    }

    /** Repeated fields are joined with ", " (cookies with "; ", RFC 9113 8.2.3); names with '_' are dropped. */
    private static void putHeaders(Environ env, Http1Headers headers) {
        for (int i = 0; i < headers.size(); i++) {
            String key = headers.environKey(i);
            if (key == null) continue;
            String previous = env.getString(key);
            String value = headers.value(i);
            if (previous != null) value = previous + (key.equals("HTTP_COOKIE") ? "; " : ", ") + value;
            env.put(key, value);
        }
    }
}
