package io.newswatch.common.net;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Limits how many requests run against one host (or one endpoint) at the same time, so that a
 * server hosting many of our feeds sees at most a couple of connections from us, and a slow
 * receiver holds at most that many of our threads.
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

  /** A held permit; closing it lets the next request to the same host start. */
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
    Semaphore semaphore = semaphore(host);
    if (!semaphore.tryAcquire(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS)) {
      return null;
    }
    return semaphore::release;
  }

  /** A permit for {@code host} if one is free now, else null; never waits. */
  public Permit tryAcquire(String host) {
    Semaphore semaphore = semaphore(host);
    return semaphore.tryAcquire() ? semaphore::release : null;
  }

  /** Permits of {@code host} free now. */
  public int available(String host) {
    Semaphore semaphore = hosts.get(key(host));
    return semaphore == null ? perHost : semaphore.availablePermits();
  }

  public int perHost() {
    return perHost;
  }

  private Semaphore semaphore(String host) {
    return hosts.computeIfAbsent(key(host), h -> new Semaphore(perHost, true));
  }

  private static String key(String host) {
    return host.toLowerCase(Locale.ROOT);
  }
}
