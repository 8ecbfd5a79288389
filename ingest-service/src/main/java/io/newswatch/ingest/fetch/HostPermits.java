package io.newswatch.ingest.fetch;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Limits how many fetches run against one host at the same time, so that a server hosting many of
 * our feeds sees at most a couple of connections from us.
 */
public final class HostPermits {

  private final int perHost;
  private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();

  public HostPermits(int perHost) {
    if (perHost < 1) {
      throw new IllegalArgumentException("at least one connection per host");
    }
    this.perHost = perHost;
  }

  /** A held permit; closing it lets the next fetch of the same host start. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits up to {@code wait} for a permit for {@code host}.
   *
   * @return the permit, or null when none came free in time
   */
  public Permit acquire(String host, Duration wait) throws InterruptedException {
    Semaphore semaphore =
        hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new Semaphore(perHost, true));
    if (!semaphore.tryAcquire(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS)) {
      return null;
    }
    return semaphore::release;
  }

  public int perHost() {
    return perHost;
  }
}
