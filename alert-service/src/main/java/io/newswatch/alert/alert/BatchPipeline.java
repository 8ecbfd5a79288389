package io.newswatch.alert.alert;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs batches through two stages, each on a thread of its own, so that a batch is prepared while
 * the batch before it is stored: the storing stage (one transaction, mostly waiting for the
 * database) then no longer waits for the preparing one (CPU only), and neither for the other's
 * thread.
 *
 * <p>Batches are stored one at a time in the order they were submitted, each after it is prepared
 * and the one before is stored. The caller submits the next batch once the stage {@link #submit}
 * returned completes (this batch prepared, the one before stored), so at most two batches are in
 * hand: one being stored, one being prepared or waiting to be stored. Every batch's outcome is
 * reported once it is stored or failed, in submission order; a failure (in either stage) is that
 * batch's alone.
 *
 * @param <B> a batch as submitted
 * @param <P> a batch as prepared
 */
final class BatchPipeline<B, P> {

  private final Function<B, P> prepare;
  private final Consumer<P> store;
  private final ExecutorService preparing;
  private final ExecutorService storing;
  // The last batch's storing, reported and never failing; set by submit(), one call at a time.
  private volatile CompletableFuture<Void> lastStored = CompletableFuture.completedFuture(null);

  /**
   * @param name thread names: {@code name-prepare} and {@code name-store}
   * @param prepare the first stage
   * @param store the second stage
   */
  BatchPipeline(String name, Function<B, P> prepare, Consumer<P> store) {
    this.prepare = prepare;
    this.store = store;
    this.preparing = Executors.newSingleThreadExecutor(r -> daemon(r, name + "-prepare"));
    this.storing = Executors.newSingleThreadExecutor(r -> daemon(r, name + "-store"));
  }

  /**
   * Takes a batch; not to be called again before the stage returned completes.
   *
   * @param batch the batch
   * @param outcome told, on the storing thread, null once the batch is stored, or why it was not
   * @return completes (never exceptionally) when the next batch may be submitted
   */
  CompletionStage<Void> submit(B batch, BiConsumer<B, Throwable> outcome) {
    CompletableFuture<Void> previous = lastStored;
    CompletableFuture<P> prepared =
        CompletableFuture.supplyAsync(() -> prepare.apply(batch), preparing);
    lastStored =
        prepared
            .thenCombine(previous, (ready, ignored) -> ready)
            .thenAcceptAsync(store, storing)
            .handle(
                (ignored, failure) -> {
                  outcome.accept(batch, unwrap(failure));
                  return null;
                });
    return prepared.handle((ready, failure) -> null).thenCombine(previous, (a, b) -> null);
  }

  /**
   * Waits up to {@code timeout} for the batches in hand to be stored or failed, then ends both
   * threads; call once nothing is submitted any more.
   *
   * @return true if none was left unfinished
   */
  boolean close(Duration timeout) throws InterruptedException {
    boolean finished;
    try {
      lastStored.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      finished = true;
    } catch (TimeoutException e) {
      finished = false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("the last batch's outcome failed", e); // handle() never fails
    }
    preparing.shutdownNow();
    storing.shutdownNow();
    return finished;
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
