package io.newswatch.stack;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits that an interrupt does not cut short, for stopping: a Ctrl-C interrupts the main thread,
 * and a stop that gave up at once would kill services instead of letting them finish. The interrupt
 * is kept and restored for the caller.
 */
final class Uninterruptibly {

  private Uninterruptibly() {}

  /** Waits until the latch opens or the timeout passes. */
  static void await(CountDownLatch latch, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      restore(interrupted);
    }
  }

  /** Waits until the future completes (in any way) or the timeout passes. */
  static void await(CompletableFuture<?> future, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException | TimeoutException e) {
          return;
        }
      }
    } finally {
      restore(interrupted);
    }
  }

  /** Waits until the thread has ended. */
  static void join(Thread thread) {
    boolean interrupted = false;
    try {
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      restore(interrupted);
    }
  }

  private static void restore(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
