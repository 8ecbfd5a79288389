package io.newswatch.alert;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a task on an executor when asked, once for all the requests made before it starts: a commit
 * wakes the relay, the delivery worker or the live streams at once, and a burst of commits costs
 * one run, not one each. Requests after the executor shut down are dropped (the owner is stopping).
 */
public final class WakeUp {

  private final Executor executor;
  private final Runnable task;
  private final AtomicBoolean pending = new AtomicBoolean();

  /**
   * @param executor where the task runs; a single thread keeps runs from overlapping
   * @param task what to run
   */
  public WakeUp(Executor executor, Runnable task) {
    this.executor = executor;
    this.task = task;
  }

  /** Runs the task soon, unless a run already waits to start. */
  public void request() {
    if (pending.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              pending.set(false);
              task.run();
            });
      } catch (RejectedExecutionException e) {
        pending.set(false); // shutting down
      }
    }
  }
}
