package dev.gatehouse.bench;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12 (core API, no servlets) with its default thread pool, serving hello world on
 * 127.0.0.1:PORT: the same status, headers and body as the Gatehouse server (Jetty adds
 * {@code Date} and {@code Server} itself).
 */
public final class JettyHelloServer {
    private static final HttpField CONTENT_TYPE = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, Hello.CONTENT_TYPE);
    private static final HttpField CONTENT_LENGTH = new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, Hello.CONTENT_LENGTH);
    private static final ByteBuffer BODY = ByteBuffer.wrap(Hello.BODY).asReadOnlyBuffer();

    private JettyHelloServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Hello.port(args);
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(Hello.HOST);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().add(CONTENT_TYPE).add(CONTENT_LENGTH);
                response.write(true, BODY.slice(), callback);
                return true;
            }
        });
        server.setStopAtShutdown(true);
        server.start();
        Hello.ready("jetty " + Server.getVersion(), connector.getLocalPort());
        server.join();
    }
}
