package io.newswatch.alert.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {

  private static final long WAIT_SECONDS = 10;

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
  private BatchPipeline<Integer, String> pipeline;

  @AfterEach
  void close() throws InterruptedException {
    if (pipeline != null) {
      pipeline.close(Duration.ofSeconds(WAIT_SECONDS));
    }
  }

  @Test
  void preparesABatchWhileTheOneBeforeIsStoredAndTakesNoThirdUntilThatOneIsStored()
      throws Exception {
    CountDownLatch firstStoring = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch secondPrepared = new CountDownLatch(1);
    pipeline =
        new BatchPipeline<>(
            "test",
            batch -> {
              events.add("prepare " + batch + " on " + Thread.currentThread().getName());
              if (batch == 2) {
                secondPrepared.countDown();
              }
              return "batch " + batch;
            },
            prepared -> {
              events.add("store " + prepared + " on " + Thread.currentThread().getName());
              if (prepared.equals("batch 1")) {
                firstStoring.countDown();
                await(releaseFirst);
              }
            });

    CompletableFuture<Void> first = pipeline.submit(1, this::outcome).toCompletableFuture();
    first.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(firstStoring.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> second = pipeline.submit(2, this::outcome).toCompletableFuture();

    // the second batch is prepared while the first is still being stored...
    assertThat(secondPrepared.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    // ...but the channel may not hand over a third until the first is stored
    assertThat(second).isNotDone();
    assertThat(outcomes).isEmpty();

    releaseFirst.countDown();
    second.get(WAIT_SECONDS, TimeUnit.SECONDS);
    pipeline.submit(3, this::outcome).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(pipeline.close(Duration.ofSeconds(WAIT_SECONDS))).isTrue();

    assertThat(outcomes).containsExactly("1 stored", "2 stored", "3 stored");
    assertThat(events)
        .containsSubsequence(
            "prepare 1 on test-prepare",
            "store batch 1 on test-store",
            "prepare 2 on test-prepare",
            "store batch 2 on test-store",
            "store batch 3 on test-store");
    assertThat(events.indexOf("prepare 2 on test-prepare"))
        .isLessThan(events.indexOf("store batch 2 on test-store"));
  }

  @Test
  void storesBatchesOneAtATimeInTheOrderTheyCame() throws Exception {
    List<Integer> stored = Collections.synchronizedList(new ArrayList<>());
    int[] storingNow = {0};
    int[] mostAtOnce = {0};
    pipeline =
        new BatchPipeline<>(
            "test",
            batch -> {
              sleep(batch % 3); // uneven preparing times
              return Integer.toString(batch);
            },
            prepared -> {
              synchronized (storingNow) {
                mostAtOnce[0] = Math.max(mostAtOnce[0], ++storingNow[0]);
              }
              sleep(Integer.parseInt(prepared) % 2);
              stored.add(Integer.parseInt(prepared));
              synchronized (storingNow) {
                storingNow[0]--;
              }
            });

    List<Integer> expected = new ArrayList<>();
    for (int batch = 1; batch <= 50; batch++) {
      pipeline
          .submit(batch, this::outcome)
          .toCompletableFuture()
          .get(WAIT_SECONDS, TimeUnit.SECONDS);
      expected.add(batch);
    }
    assertThat(pipeline.close(Duration.ofSeconds(WAIT_SECONDS))).isTrue();

    assertThat(stored).containsExactlyElementsOf(expected);
    assertThat(mostAtOnce[0]).isEqualTo(1);
    assertThat(outcomes).hasSize(50).allMatch(o -> o.endsWith(" stored"));
  }

  @Test
  void aFailureInEitherStageIsThatBatchsAloneAndIsReportedWithItsCause() throws Exception {
    pipeline =
        new BatchPipeline<>(
            "test",
            batch -> {
              if (batch == 2) {
                throw new IllegalArgumentException("batch 2 cannot be prepared");
              }
              return Integer.toString(batch);
            },
            prepared -> {
              if (prepared.equals("3")) {
                throw new IllegalStateException("batch 3 cannot be stored");
              }
              events.add("stored " + prepared);
            });

    for (int batch = 1; batch <= 4; batch++) {
      CompletableFuture<Void> next = pipeline.submit(batch, this::outcome).toCompletableFuture();
      next.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(next).isCompleted(); // never exceptionally: the channel goes on
    }
    assertThat(pipeline.close(Duration.ofSeconds(WAIT_SECONDS))).isTrue();

    assertThat(outcomes)
        .containsExactly(
            "1 stored",
            "2 failed: IllegalArgumentException: batch 2 cannot be prepared",
            "3 failed: IllegalStateException: batch 3 cannot be stored",
            "4 stored");
    assertThat(events).containsExactly("stored 1", "stored 4");
  }

  @Test
  void closeWaitsForTheBatchInHandAndSaysWhetherItFinished() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    pipeline = new BatchPipeline<>("test", batch -> "b" + batch, prepared -> await(release));

    pipeline.submit(1, this::outcome).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(pipeline.close(Duration.ofMillis(100))).isFalse();

    BatchPipeline<Integer, String> second =
        new BatchPipeline<>("test", batch -> "b" + batch, prepared -> sleep(200));
    second.submit(1, this::outcome).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(second.close(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
    assertThat(outcomes).contains("1 stored");
    release.countDown();
  }

  private void outcome(Integer batch, Throwable failure) {
    outcomes.add(
        batch
            + (failure == null
                ? " stored"
                : " failed: " + failure.getClass().getSimpleName() + ": " + failure.getMessage()));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
