package io.newswatch.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of ingest-service ({@code newswatch.ingest.*}, or {@code NEWSWATCH_INGEST_*}). */
@ConfigMapping(prefix = "newswatch.ingest")
public interface IngestConfig {

  /** The {@code User-Agent} sent to feed servers: names NewsWatch so admins can reach us. */
  @WithDefault("NewsWatch/0.1 (news monitoring; +https://github.com/newswatch/newswatch)")
  String userAgent();

  /** Time allowed to open a connection. */
  @WithDefault("10s")
  Duration connectTimeout();

  /** Longest silence while waiting for response headers or body bytes. */
  @WithDefault("15s")
  Duration readTimeout();

  /** Time allowed for a whole fetch: every redirect hop, headers and body. */
  @WithDefault("30s")
  Duration requestTimeout();

  /** Largest feed body read (after decompression); longer bodies are cut and reported. */
  @WithDefault("10485760")
  int maxBodyBytes();

  /**
   * How long publishing a poll's items may take before it is given up and retried at the next poll:
   * waiting for the broker, delivery, and the transaction's commit.
   */
  @WithDefault("30s")
  Duration publishTimeout();

  /** Most items taken from one fetch; the rest wait for the next poll. */
  @WithDefault("500")
  int maxItemsPerFetch();

  /** Longest item text published; longer texts are cut and flagged. */
  @WithDefault("100000")
  int maxTextChars();

  /** Most redirects followed for one fetch. */
  @WithDefault("5")
  int maxRedirects();

  /** Most connections open at once to one host, so that no server sees a crowd from us. */
  @WithDefault("2")
  int maxConnectionsPerHost();

  /** Poll interval of a feed registered without one. */
  @WithDefault("5m")
  Duration defaultPollInterval();

  /** Shortest poll interval an admin may set. */
  @WithDefault("1m")
  Duration minPollInterval();

  /** Longest wait after failures, however many there were. */
  @WithDefault("24h")
  Duration maxBackoff();

  /** Whether this instance polls due feeds by itself (refresh through the API works regardless). */
  @WithDefault("true")
  boolean schedulerEnabled();

  /** Feeds this instance polls at the same time. */
  @WithDefault("16")
  int pollConcurrency();

  /**
   * How long a claimed feed stays this instance's: longer than any poll takes. An instance that
   * dies releases its feeds when their leases expire.
   */
  @WithDefault("5m")
  Duration leaseDuration();

  /** Name of this instance in leases and feed status; host name and a random suffix by default. */
  Optional<String> instanceId();

  /**
   * How long the id of an item that no longer appears in its feed is remembered. An item still in
   * its feed is remembered as long as it stays there.
   */
  @WithDefault("90d")
  Duration seenRetention();
}
