package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.config.AppSpec;
import dev.gatehouse.cli.config.HostSpec;
import dev.gatehouse.cli.config.ListenerSpec;
import dev.gatehouse.cli.config.MiddlewareSpec;
import dev.gatehouse.cli.config.MountSpec;
import dev.gatehouse.cli.config.ServerLimits;
import dev.gatehouse.cli.config.SiteSpec;
import dev.gatehouse.core.net.ListenAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a reload applies and what it leaves for a restart. */
class ReloaderTest {
    private static SiteSpec site(int port, String accessLog, String app) {
        return new SiteSpec(List.of(ListenerSpec.of(ListenerSpec.Protocol.HTTP, ListenAddress.tcp("127.0.0.1", port))), ServerLimits.DEFAULTS,
                List.of(), new MiddlewareSpec(List.of(), null, null, false, null, Map.of(), accessLog, null),
                List.of(HostSpec.only(List.of(new MountSpec("/", AppSpec.parse(app))))), null);
    }

    @Test
    void hostsMountsAndMiddlewareNeedNoRestart() {
        assertThat(Reloader.needRestart(site(8080, null, "a.A"), site(8080, null, "b.B"))).isEmpty();
    }

    @Test
    void listenersLimitsTheSiteLogAndThePidFileDo() {
        SiteSpec running = site(8080, null, "a.A");
        SiteSpec next = site(9090, "/var/log/gh.log", "a.A");
        next = new SiteSpec(next.listeners(), ServerLimits.DEFAULTS.withMaxConnections(5), next.classPath(), next.middleware(), next.hosts(),
                Path.of("/run/gh.pid"));
        assertThat(Reloader.needRestart(running, next)).containsExactly(
                "the listeners changed (running: [http 127.0.0.1:8080], in the file: [http 127.0.0.1:9090])",
                "the [limits] changed",
                "the site's access-log or access-log-format changed",
                "the pid-file changed");
    }
}
