package dev.gatehouse.bench;

import java.nio.charset.StandardCharsets;

/**
 * The response every load-test server sends, as the demo's {@code /hello} does, so the servers
 * are compared on the same work: {@code 200 OK}, {@code Content-Type: text/plain; charset=utf-8},
 * {@code Content-Length: 14}, the {@code Date} and {@code Server} headers, and
 * {@code Hello, world!\n}.
 */
final class Hello {
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    static final byte[] BODY = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);
    static final String CONTENT_LENGTH = Integer.toString(BODY.length);
    static final String HOST = "127.0.0.1";

    private Hello() {
    }

    /** The TCP port from the first argument (default 8080). */
    static int port(String[] args) {
        if (args.length == 0) return 8080;
        try {
            int port = Integer.parseInt(args[0]);
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            System.err.println("usage: <server-class> PORT   (got '" + args[0] + "')");
            System.exit(2);
            return -1;
        }
    }

    /** The line bench/load.sh waits for. */
    static void ready(String server, int port) {
        System.out.println(server + " listening on http://" + HOST + ":" + port + "/hello (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
    }
}
