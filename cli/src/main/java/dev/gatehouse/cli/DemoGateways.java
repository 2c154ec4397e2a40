package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.examples.DemoSite;
import dev.gatehouse.fastcgi.client.FcgiClientConfig;
import dev.gatehouse.fastcgi.client.FcgiProxyApp;
import dev.gatehouse.fastcgi.client.FcgiTarget;
import dev.gatehouse.fastcgi.server.FcgiConfig;
import dev.gatehouse.fastcgi.server.FcgiServer;
import dev.gatehouse.scgi.client.ScgiProxyApp;
import dev.gatehouse.scgi.server.ScgiServer;
import dev.gatehouse.uwsgi.client.UwsgiProxyApp;
import dev.gatehouse.uwsgi.server.UwsgiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's tour of the gateways: the demo site served a second time over FastCGI, SCGI and
 * uwsgi on Unix sockets in a private temp directory, and reached from the main site through the
 * matching outbound mounts ({@code /via/fastcgi}, {@code /via/scgi}, {@code /via/uwsgi}), so
 * every protocol both ways can be tried from a browser. Closing it stops the servers and removes
 * the directory.
 */
final class DemoGateways implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoGateways.class);

    private final Path dir;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<DemoSite.Gateway> gateways = new ArrayList<>();

    private DemoGateways(Path dir) {
        this.dir = dir;
    }

    /** Starts the three loopback servers; on failure, releases what was started. */
    static DemoGateways start() throws IOException {
        Path dir = Files.createTempDirectory("gatehouse-demo-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        DemoGateways demo = new DemoGateways(dir);
        try {
            Application site = DemoSite.create();
            ListenAddress fcgi = ListenAddress.unix(dir.resolve("fastcgi.sock"));
            FcgiServer fcgiServer = new FcgiServer(site, FcgiConfig.defaults());
            demo.opened.add(fcgiServer);
            fcgiServer.listen(fcgi).start();
            demo.mount("/via/fastcgi", "this site again over FastCGI: the fastcgi: mount -> Gatehouse's FastCGI server",
                    new FcgiProxyApp(new FcgiTarget(fcgi, null), FcgiClientConfig.defaults()));

            ListenAddress scgi = ListenAddress.unix(dir.resolve("scgi.sock"));
            ScgiServer scgiServer = new ScgiServer(site, StreamServerConfig.defaults());
            demo.opened.add(scgiServer);
            scgiServer.listen(scgi).start();
            demo.mount("/via/scgi", "over SCGI: the scgi: mount -> Gatehouse's SCGI server",
                    new ScgiProxyApp(new BackendTarget(ScgiProxyApp.SCHEME, scgi), StreamClientConfig.defaults()));

            ListenAddress uwsgi = ListenAddress.unix(dir.resolve("uwsgi.sock"));
            UwsgiServer uwsgiServer = new UwsgiServer(site, StreamServerConfig.defaults());
            demo.opened.add(uwsgiServer);
            uwsgiServer.listen(uwsgi).start();
            demo.mount("/via/uwsgi", "over the uwsgi protocol: the uwsgi: mount -> Gatehouse's uwsgi server",
                    new UwsgiProxyApp(new BackendTarget(UwsgiProxyApp.SCHEME, uwsgi), StreamClientConfig.defaults()));
        } catch (IOException | RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    private void mount(String path, String description, Application proxy) {
        if (proxy instanceof AutoCloseable c) opened.add(c);
        gateways.add(new DemoSite.Gateway(path, path + "/environ?q=1", description, proxy));
    }

    /** The routes through the gateways, for the demo's index page and URL map. */
    List<DemoSite.Gateway> gateways() {
        return List.copyOf(gateways);
    }

    @Override
    public void close() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                log.debug("closing a demo gateway: {}", e.toString());
            }
        }
        opened.clear();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("removing {}: {}", dir, e.toString());
        }
    }
}
