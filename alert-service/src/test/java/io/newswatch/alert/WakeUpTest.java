package io.newswatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WakeUpTest {

  @Test
  void requestsMadeBeforeARunStartsCostOneRun() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    // Hold the thread, so that the requests below wait together.
    executor.execute(
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    WakeUp wakeUp = new WakeUp(executor, runs::incrementAndGet);

    for (int i = 0; i < 100; i++) {
      wakeUp.request();
    }
    release.countDown();
    executor.shutdown();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(runs).hasValue(1);
  }

  @Test
  void aRequestAfterTheRunStartedRunsAgain() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    WakeUp wakeUp =
        new WakeUp(
            executor,
            () -> {
              if (runs.incrementAndGet() == 1) {
                started.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });

    wakeUp.request();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    wakeUp.request(); // what the first run may have missed
    release.countDown();
    executor.shutdown();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(runs).hasValue(2);
  }

  @Test
  void aRequestAfterShutdownIsDropped() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    executor.shutdownNow();
    AtomicInteger runs = new AtomicInteger();
    WakeUp wakeUp = new WakeUp(executor, runs::incrementAndGet);

    assertThatCode(wakeUp::request).doesNotThrowAnyException();
    assertThatCode(wakeUp::request).doesNotThrowAnyException();
    assertThat(runs).hasValue(0);
  }
}
