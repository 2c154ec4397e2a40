package dev.gatehouse.supervise;

import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.net.Watchdog;
import dev.gatehouse.fastcgi.codec.FcgiRecord;
import dev.gatehouse.fastcgi.codec.FcgiRecordDecoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordEncoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health checks of {@link HealthCheck}. Each opens one connection and bounds every wait on it
 * with a deadline that closes the socket (blocking channels have no timeouts of their own).
 */
final class HealthProbes {
    /** Shared by every probe; its thread only wakes a few times a second. */
    private static final Watchdog WATCHDOG = new Watchdog("gatehouse-supervise-probe-watchdog");
    private static final int HTTP_STATUS_LINE = 64;

    private HealthProbes() {
    }

    static void connect(ListenAddress address, Duration timeout) throws IOException {
        probe(address, timeout, (in, out) -> {
        });
    }

    static void fastcgi(ListenAddress address, Duration timeout) throws IOException {
        probe(address, timeout, (in, out) -> {
            Map<String, String> asked = new LinkedHashMap<>();
            asked.put("FCGI_MAX_CONNS", "");
            asked.put("FCGI_MAX_REQS", "");
            asked.put("FCGI_MPXS_CONNS", "");
            FcgiRecordEncoder.values(out, FcgiRecordType.GET_VALUES, asked);
            out.flush();
            FcgiRecord answer = new FcgiRecordDecoder(in).next();
            if (answer == null) throw new IOException("closed the connection instead of answering FCGI_GET_VALUES");
            if (answer.knownType() != FcgiRecordType.GET_VALUES_RESULT) {
                throw new IOException("answered FCGI_GET_VALUES with " + answer);
            }
        });
    }

    static void http(ListenAddress address, Duration timeout, String path) throws IOException {
        probe(address, timeout, (in, out) -> {
            out.write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\nUser-Agent: gatehouse-health-check\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while (line.size() < HTTP_STATUS_LINE && (b = in.read()) >= 0 && b != '\n') line.write(b);
            String status = line.toString(StandardCharsets.ISO_8859_1);
            if (!status.matches("HTTP/1\\.[01] [1-5][0-9][0-9]( .*)?\r?")) {
                throw new IOException("answered GET " + path + " with '" + status.strip() + "' instead of an HTTP status line");
            }
        });
    }

    @FunctionalInterface
    private interface Exchange {
        void run(InputStream in, OutputStream out) throws IOException;
    }

    private static void probe(ListenAddress address, Duration timeout, Exchange exchange) throws IOException {
        SocketChannel channel = address.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        Deadline deadline = WATCHDOG.register(what -> closeQuietly(channel));
        deadline.arm(timeout, "health check");
        try {
            channel.connect(address.resolvedAddress());
            exchange.run(Channels.newInputStream(channel), new BufferedOutputStream(Channels.newOutputStream(channel)));
        } catch (IOException e) {
            if (deadline.fired()) throw new IOException("no answer within " + Durations.human(timeout), e);
            throw e;
        } finally {
            deadline.disarm();
            WATCHDOG.unregister(deadline);
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // a probe's socket: nothing more to do with it
        }
    }
}
