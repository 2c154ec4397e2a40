package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Closing a site generation: once, and a second close (the server stopping during a reload's retire) waits for the first. */
class SiteGenerationTest {
    @Test
    void aSecondCloseWaitsUntilTheFirstHasClosedEverything() throws Exception {
        CountDownLatch closing = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicInteger closes = new AtomicInteger();
        AutoCloseable slowBackend = () -> {
            closing.countDown();
            assertThat(mayFinish.await(30, TimeUnit.SECONDS)).isTrue();
            closes.incrementAndGet();
        };
        SiteGeneration generation = new SiteGeneration((environ, startResponse) -> null, List.of(slowBackend));

        CompletableFuture<Void> first = CompletableFuture.runAsync(generation::close, r -> Thread.ofVirtual().start(r));
        assertThat(closing.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> second = new CompletableFuture<>();
        Thread secondCloser = Thread.ofPlatform().start(() -> {
            generation.close();
            second.complete(closes.get());
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (secondCloser.getState() != Thread.State.WAITING && secondCloser.getState() != Thread.State.TERMINATED) {
            assertThat(System.nanoTime()).as("the second close blocks or returns").isLessThan(deadline);
            Thread.sleep(5);
        }
        mayFinish.countDown();
        assertThat(second.get(30, TimeUnit.SECONDS)).as("what the second close saw closed when it returned").isEqualTo(1);
        first.get(30, TimeUnit.SECONDS);
        assertThat(closes.get()).as("closed once").isEqualTo(1);
    }
}
