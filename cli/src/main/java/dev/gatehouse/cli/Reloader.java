package dev.gatehouse.cli;

import dev.gatehouse.cli.config.LoadedConfig;
import dev.gatehouse.cli.config.MountSpec;
import dev.gatehouse.cli.config.SiteSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configuration file and swaps the new site in (SIGHUP, {@code gatehouse reload}).
 * A file with problems is refused with every problem logged, and the running site stays. What a
 * running server cannot change (listeners, limits, the site's access log, the pid file) is
 * logged as needing a restart; everything else (hosts, mounts, middleware, backends, class
 * path) is the new file's from the next request on. A supervised backend whose spec did not change
 * keeps running through the reload ({@link SupervisedBackends}).
 */
final class Reloader {
    private static final Logger log = LoggerFactory.getLogger(Reloader.class);

    private final Path file;
    private final SiteSpec started;
    private final SwappableSite site;
    private final SupervisedBackends backends;
    private final ReentrantLock reloading = new ReentrantLock();

    Reloader(Path file, SiteSpec started, SwappableSite site, SupervisedBackends backends) {
        this.file = file;
        this.started = started;
        this.site = site;
        this.backends = backends;
    }

    /** The place a mount was written, to put in front of its errors: "site.toml:12: ". */
    static Function<MountSpec, String> where(LoadedConfig loaded) {
        return mount -> {
            int line = loaded.lineOf(mount);
            return line > 0 ? loaded.name() + ":" + line + ": " : loaded.name() + ": ";
        };
    }

    /** Reloads once (one at a time); true when the new site is in place. */
    boolean reload() {
        reloading.lock();
        try {
            log.info("reloading {}", file);
            LoadedConfig loaded;
            try {
                loaded = SiteCheck.load(file);
            } catch (ConfigException e) {
                e.messages().forEach(m -> log.error("{}", m));
                log.error("reload refused: {} has {} problem(s); the running site is unchanged", file, e.messages().size());
                return false;
            }
            SiteSpec next = loaded.site();
            SiteGeneration generation;
            try {
                generation = SiteBuilder.build(next, where(loaded), backends);
            } catch (StartupException e) {
                log.error("reload refused: {}; the running site is unchanged", e.getMessage());
                return false;
            }
            for (String change : needRestart(started, next)) log.warn("not applied until a restart: {}", change);
            site.swap(generation, started.limits().shutdownGrace());
            log.info("reloaded {}: {}", file, next.summary());
            return true;
        } catch (RuntimeException e) {
            log.error("reload refused: {}; the running site is unchanged", e.toString());
            return false;
        } finally {
            reloading.unlock();
        }
    }

    /** What differs between the two that only a restart applies. */
    static List<String> needRestart(SiteSpec running, SiteSpec next) {
        List<String> changes = new ArrayList<>();
        if (!running.listeners().equals(next.listeners())) {
            changes.add("the listeners changed (running: " + running.listeners() + ", in the file: " + next.listeners() + ")");
        }
        if (!running.limits().equals(next.limits())) changes.add("the [limits] changed");
        if (!Objects.equals(running.middleware().accessLog(), next.middleware().accessLog())
                || !Objects.equals(running.middleware().accessLogFormat(), next.middleware().accessLogFormat())) {
            changes.add("the site's access-log or access-log-format changed");
        }
        // a --pid-file given at start overrides a file without one: only a file naming another one is a change
        if (next.pidFile() != null && !next.pidFile().equals(running.pidFile())) changes.add("the pid-file changed");
        return changes;
    }
}
