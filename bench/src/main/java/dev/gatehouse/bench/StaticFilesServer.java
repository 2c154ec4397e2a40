package dev.gatehouse.bench;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.files.StaticFiles;
import dev.gatehouse.middleware.files.StaticFilesConfig;
import java.nio.file.Path;

/**
 * Gatehouse's HTTP/1.1 server serving a directory at {@code /} with {@link StaticFiles} and its
 * defaults (what a {@code files:DIR} mount builds), on 127.0.0.1:PORT, for load runs side by side
 * with nginx's {@code root DIR;} on the same files (docs/static-files.md). Files go out zero-copy.
 *
 * <p>{@code StaticFilesServer PORT DIR}, e.g. {@code StaticFilesServer 28200 /tmp/bench-www}.
 */
public final class StaticFilesServer {
    private StaticFilesServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StaticFilesServer PORT DIR");
            System.exit(2);
        }
        int port = Hello.port(args);
        StaticFiles files = StaticFiles.of(Path.of(args[1]), StaticFilesConfig.defaults());
        Http1Server server = new Http1Server(files, Http1Config.defaults())
                .listen(ListenAddress.tcp(Hello.HOST, port))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "gatehouse-shutdown"));
        System.out.println("gatehouse static files from " + files.root() + " listening on http://" + Hello.HOST + ":"
                + server.addresses().getFirst().port() + "/ (pid " + ProcessHandle.current().pid() + ")");
        System.out.flush();
        server.awaitTermination();
    }
}
