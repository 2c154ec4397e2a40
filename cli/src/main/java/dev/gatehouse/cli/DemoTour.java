package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.examples.DemoSite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root of the demo site (mounted by the bundled demo configuration): the Java demo apps, the
 * {@code /via/} tour of the gateways ({@link DemoGateways}), and an index page that links to
 * everything the configuration mounts beside it (static files, CGI scripts, PHP) and says what
 * runs each. Closing it stops the tour's servers.
 */
public final class DemoTour implements Application, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoTour.class);

    private final Application site;
    private final DemoGateways gateways;

    private DemoTour(Application site, DemoGateways gateways) {
        this.site = site;
        this.gateways = gateways;
    }

    /** Called once by the configuration's {@code app = "dev.gatehouse.cli.DemoTour::create"}. */
    public static DemoTour create() {
        DemoGateways tour = startGateways();
        List<DemoSite.Gateway> parts = new ArrayList<>(configured());
        if (tour != null) parts.addAll(tour.gateways());
        return new DemoTour(DemoSite.create(parts), tour);
    }

    /** The parts the demo configuration mounts beside this app: linked from the index, served by their own mounts. */
    static List<DemoSite.Gateway> configured() {
        boolean php = ProgramPath.find("php-cgi").isPresent();
        return List.of(
                DemoSite.Gateway.link("/static", "/static/", "static files from a directory (files: mount): index file, ETag and ranges "
                        + "(curl -r 0-9), a precompressed .gz sibling (curl --compressed /static/style.css)"),
                DemoSite.Gateway.link("/cgi-bin", "/cgi-bin/hello.sh?q=1", "a CGI script, /bin/sh started for each request (cgi: mount)"),
                php ? DemoSite.Gateway.link("/php", "/php/index.php", "PHP in php-cgi processes Gatehouse starts and supervises (fastcgi+spawn: mount)")
                        : DemoSite.Gateway.link("/php", "/php/index.php", "PHP through a supervised php-cgi: off here, php-cgi is not on the PATH "
                        + "(apt-get install php-cgi, then restart)"));
    }

    private static DemoGateways startGateways() {
        try {
            return DemoGateways.start();
        } catch (IOException | RuntimeException e) {
            log.warn("the demo's gateway tour (/via/...) is off: {}", e.toString());
            return null;
        }
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        return site.call(environ, startResponse);
    }

    @Override
    public void close() {
        if (gateways != null) gateways.close();
    }
}
