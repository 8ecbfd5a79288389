package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

  @Test
  void closeWhileBrokerAndDatabaseStartLeavesNothingRunningOnceItReturns(@TempDir Path directory)
      throws Exception {
    Path data = directory.resolve("data");
    AtomicReference<LocalStack> created = new AtomicReference<>();
    LocalStack.Builder builder =
        LocalStack.builder(directory).dataDirectory(data).onCreated(created::set);
    CompletableFuture<LocalStack> start = CompletableFuture.supplyAsync(builder::start);
    // Kafka is up and PostgreSQL is being set up (initdb, then the server).
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> Files.isDirectory(data.resolve("postgres")));

    // As the launcher's shutdown hook does on Ctrl-C; the JVM exits as soon as it returns.
    created.get().close();

    assertThat(processesMentioning(data)).isEmpty();
    assertThat(start)
        .failsWithin(30, TimeUnit.SECONDS)
        .withThrowableThat()
        .withMessageContaining("stopped while starting");
  }

  @Test
  void closeReturnsOnlyOnceEverythingStoppedWhicheverThreadCallsFirst(@TempDir Path directory)
      throws Exception {
    Path data = directory.resolve("data");
    AtomicReference<LocalStack> created = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    LocalStack.Builder builder =
        LocalStack.builder(directory)
            .dataDirectory(data)
            .onCreated(created::set)
            .onChange(stack -> started.countDown());
    // No service is packaged in this directory: the start fails right after broker and database
    // are up, and the starting thread closes the stack itself while another thread closes it too.
    CompletableFuture<LocalStack> start = CompletableFuture.supplyAsync(builder::start);
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    Thread.currentThread().interrupt(); // a Ctrl-C on this thread must not cut the stop short
    try {
      created.get().close();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }

    assertThat(processesMentioning(data)).isEmpty();
    assertThat(start).failsWithin(30, TimeUnit.SECONDS);
  }

  /** Command lines of running processes that name the directory (postgres -D DIR ...). */
  static List<String> processesMentioning(Path directory) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.info().commandLine().orElse(""))
        .filter(line -> line.contains(directory.toString()))
        .toList();
  }
}
