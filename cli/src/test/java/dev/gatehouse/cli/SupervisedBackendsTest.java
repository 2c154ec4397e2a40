package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.supervise.BackendCommand;
import dev.gatehouse.supervise.BackendPool;
import dev.gatehouse.supervise.BackendProtocol;
import dev.gatehouse.supervise.HealthCheck;
import dev.gatehouse.supervise.SupervisorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SupervisedBackendsTest {
    /** A backend that never listens: its processes run (and must be stopped) but never get traffic. */
    private static final BackendProtocol NEVER_CALLED = BackendProtocol.of("test", HealthCheck.connect(), (address, connections) -> {
        throw new AssertionError("no request goes to this backend");
    });

    @Test
    void aPoolStartedByAReloadWhileTheServerStopsIsStoppedNotLeaked() throws Exception {
        SupervisedBackends backends = new SupervisedBackends();
        CountDownLatch starting = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        List<Long> pids = new ArrayList<>();
        CompletableFuture<Object> reload = CompletableFuture.supplyAsync(() -> {
            try {
                return backends.take("spec", "build 2", root -> {
                    BackendPool pool;
                    try {
                        pool = BackendPool.start("sleeper", BackendCommand.of("/bin/sleep", "600"), NEVER_CALLED,
                                SupervisorConfig.defaults().withProcesses(1));
                        while (pool.status().pids().isEmpty()) Thread.sleep(10);
                        pids.addAll(pool.status().pids());
                        starting.countDown();
                        closed.await(); // the server stops meanwhile
                    } catch (java.io.IOException | InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    return pool;
                });
            } catch (StartupException e) {
                return e;
            }
        });
        assertThat(starting.await(60, TimeUnit.SECONDS)).as("the backend started").isTrue();

        backends.close();
        closed.countDown();

        Object result = reload.get(60, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(StartupException.class);
        assertThat(((StartupException) result).getMessage()).contains("the server stopped while").contains("was starting");
        assertThat(pids).isNotEmpty();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("backend process %d still running", pid).isFalse());
    }

    @Test
    void aTakeAfterTheStopIsRefusedWithoutStartingAnything() throws Exception {
        SupervisedBackends backends = new SupervisedBackends();
        backends.close();
        List<String> started = new ArrayList<>();
        try {
            backends.take("spec", "build 1", root -> {
                started.add("started");
                throw new StartupException("must not be called");
            });
            throw new AssertionError("take after close must fail");
        } catch (StartupException e) {
            assertThat(e.getMessage()).isEqualTo("the server is stopping: no backend is started");
        }
        assertThat(started).isEmpty();
    }
}
