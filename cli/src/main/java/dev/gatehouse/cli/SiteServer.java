package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.cli.config.ListenerSpec;
import dev.gatehouse.cli.config.MountSpec;
import dev.gatehouse.cli.config.ServerLimits;
import dev.gatehouse.cli.config.SiteSpec;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.fastcgi.server.FcgiServer;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.AccessLog;
import dev.gatehouse.scgi.server.ScgiServer;
import dev.gatehouse.uwsgi.server.UwsgiServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link SiteSpec}: builds its site behind a {@link SwappableSite}, puts the site's access
 * log in front, binds every listener (giving Unix sockets their mode, owner and group), writes the
 * pid file and starts the servers.
 */
final class SiteServer {
    private static final Logger log = LoggerFactory.getLogger(SiteServer.class);
    static final ListenAddress DEFAULT_ADDRESS = ListenAddress.tcp("127.0.0.1", 8080);

    private SiteServer() {
    }

    /**
     * @param what how the log names what is served ("the demo site", "site.toml")
     * @param where the place a mount was written, for its errors ("site.toml:12: "), or "" for options
     * @param configFile the file to re-read on reload, or null (started from options: nothing to reload)
     */
    static RunningServer start(SiteSpec spec, String what, Function<MountSpec, String> where, Path configFile) throws StartupException {
        SupervisedBackends backends = new SupervisedBackends();
        SwappableSite site = new SwappableSite(SiteBuilder.build(spec, where, backends));
        AccessLog accessLog;
        try {
            accessLog = MiddlewareChain.openAccessLog(spec.middleware());
        } catch (StartupException e) {
            site.close();
            throw e;
        }
        Application front = accessLog == null ? site : accessLog.wrap(site);
        List<ListenerSpec> listeners = spec.listeners().isEmpty() ? List.of(ListenerSpec.of(ListenerSpec.Protocol.HTTP, DEFAULT_ADDRESS)) : spec.listeners();
        Http1Config config = spec.limits();
        Http1Server http = uses(listeners, ListenerSpec.Protocol.HTTP) ? new Http1Server(front, config) : null;
        FcgiServer fastcgi = uses(listeners, ListenerSpec.Protocol.FASTCGI) ? new FcgiServer(front, ServerLimits.fastcgi(config)) : null;
        ScgiServer scgi = uses(listeners, ListenerSpec.Protocol.SCGI) ? new ScgiServer(front, ServerLimits.stream(config)) : null;
        UwsgiServer uwsgi = uses(listeners, ListenerSpec.Protocol.UWSGI) ? new UwsgiServer(front, ServerLimits.stream(config)) : null;
        RunningServer running = new RunningServer(http, fastcgi, scgi, uwsgi, accessLog);
        running.closeAfter(site);
        running.closeAfter(backends); // none is left once the site is closed; a safety net
        if (configFile != null) running.reloadWith(new Reloader(configFile, spec, site, backends));
        try {
            for (ListenerSpec l : listeners) {
                switch (l.protocol()) {
                    case HTTP -> http.listen(l.address());
                    case FASTCGI -> fastcgi.listen(l.address());
                    case SCGI -> scgi.listen(l.address());
                    case UWSGI -> uwsgi.listen(l.address());
                }
                if (l.address().isUnix()) SocketPermissions.apply(l, l.address().unixPath());
            }
            if (spec.pidFile() != null) running.closeAfter(PidFile.write(spec.pidFile()));
        } catch (IOException | StartupException e) {
            running.release(); // the listeners already bound, the site, the access log
            throw e instanceof StartupException s ? s : new StartupException(e.getMessage());
        }
        if (http != null) {
            http.start();
            for (ListenAddress address : http.addresses()) log.info("Gatehouse serving {} on {}", what, url(address));
        }
        if (fastcgi != null) {
            fastcgi.start();
            for (ListenAddress address : fastcgi.addresses()) log.info("Gatehouse serving {} over FastCGI on {}", what, address);
        }
        if (scgi != null) {
            scgi.start();
            for (ListenAddress address : scgi.addresses()) log.info("Gatehouse serving {} over SCGI on {}", what, address);
        }
        if (uwsgi != null) {
            uwsgi.start();
            for (ListenAddress address : uwsgi.addresses()) log.info("Gatehouse serving {} over uwsgi on {}", what, address);
        }
        return running;
    }

    private static boolean uses(List<ListenerSpec> listeners, ListenerSpec.Protocol protocol) {
        return listeners.stream().anyMatch(l -> l.protocol() == protocol);
    }

    static String url(ListenAddress address) {
        return address.isUnix() ? address.toString() : "http://" + address;
    }
}
