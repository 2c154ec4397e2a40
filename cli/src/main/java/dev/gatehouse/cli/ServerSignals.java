package dev.gatehouse.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The signals a server answers, as nginx and Apache do: SIGHUP reloads the configuration;
 * SIGTERM and SIGINT stop the server (draining it) and only then exit, so what the site started
 * (supervised backends, their runtime directories) is gone before the JVM's own shutdown begins
 * (in a shutdown hook, the JVM may end while other hooks still clean up). A second SIGTERM or
 * SIGINT exits at once. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way to
 * catch these; where it is not available the JVM's default handling stays.
 */
final class ServerSignals {
    private static final Logger log = LoggerFactory.getLogger(ServerSignals.class);
    static final String HUP_IGNORED = "SIGHUP is ignored in this process (started with nohup?): SIGHUP and 'gatehouse reload' "
            + "will not reload the site; run it under systemd, or with setsid instead of nohup";

    private ServerSignals() {
    }

    static void install(RunningServer running) {
        AtomicBoolean stopping = new AtomicBoolean();
        try {
            sun.misc.SignalHandler before = Signal.handle(new Signal("HUP"), signal -> Thread.ofVirtual().name("gatehouse-reload").start(running::reload));
            // A process started with SIGHUP ignored (nohup) keeps it ignored: the JVM does not take it over.
            if (before == sun.misc.SignalHandler.SIG_IGN) log.warn(HUP_IGNORED);
            sun.misc.SignalHandler stop = signal -> {
                if (!stopping.compareAndSet(false, true)) Runtime.getRuntime().halt(128 + signal.getNumber());
                Thread.ofPlatform().name("gatehouse-stop").start(() -> {
                    running.stop();
                    System.exit(0);
                });
            };
            Signal.handle(new Signal("TERM"), stop);
            Signal.handle(new Signal("INT"), stop);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("signals cannot be caught here ({}): SIGHUP will not reload", e.toString());
        }
    }
}
