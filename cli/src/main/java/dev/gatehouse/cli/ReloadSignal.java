package dev.gatehouse.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP reloads the configuration, as it does for nginx and Apache. {@code sun.misc.Signal}
 * (module jdk.unsupported) is the JDK's only way to catch it; without the handler SIGHUP would
 * stop the server.
 */
final class ReloadSignal {
    private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {
    }

    static void install(RunningServer running) {
        try {
            Signal.handle(new Signal("HUP"), signal -> Thread.ofVirtual().name("gatehouse-reload").start(running::reload));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("SIGHUP cannot be caught here ({}); reload by restarting", e.toString());
        }
    }
}
