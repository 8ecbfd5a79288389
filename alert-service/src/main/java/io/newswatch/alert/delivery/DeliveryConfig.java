package io.newswatch.alert.delivery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Delivery of alerts by webhook and email ({@code newswatch.alert.delivery.*}, or {@code
 * NEWSWATCH_ALERT_DELIVERY_*}).
 */
@ConfigMapping(prefix = "newswatch.alert.delivery")
public interface DeliveryConfig {

  /**
   * Whether this instance attempts deliveries; false leaves them to the other instances (they are
   * recorded here all the same).
   */
  @WithDefault("true")
  boolean enabled();

  /** Threads that talk to receivers, on each instance. */
  @WithDefault("16")
  int workers();

  /**
   * Deliveries to one endpoint (a webhook URL, or the SMTP server) in flight at once on each
   * instance: a slow receiver holds at most this many workers.
   */
  @WithDefault("2")
  int maxPerEndpoint();

  /** How often due and held deliveries are looked for ({@code 1s}). Read by the scheduler. */
  @WithDefault("1s")
  String pollInterval();

  /** Wait before the second attempt; doubles with every further one, with jitter. */
  @WithDefault("10s")
  Duration retryInitial();

  /** Longest wait between two attempts. */
  @WithDefault("1h")
  Duration retryMax();

  /** Share of a wait taken off at random, so that retries of many deliveries spread out. */
  @WithDefault("0.2")
  double retryJitter();

  /** Attempts before a delivery fails for good. */
  @WithDefault("15")
  int maxAttempts();

  /** Longest {@code Retry-After} honoured. */
  @WithDefault("1h")
  Duration maxRetryAfter();

  /** Time allowed to open a connection to a webhook. */
  @WithDefault("5s")
  Duration connectTimeout();

  /** Longest silence of a webhook receiver. */
  @WithDefault("10s")
  Duration readTimeout();

  /** Time allowed for one attempt, webhook or email, from connecting to the last byte. */
  @WithDefault("15s")
  Duration requestTimeout();

  /**
   * How long a claimed delivery belongs to the instance attempting it; after a crash another
   * instance retries it then. Must be longer than the request timeout.
   */
  @WithDefault("60s")
  Duration lease();

  /**
   * {@code host:port} pairs that webhooks may reach although they are local, e.g. a receiver on
   * {@code 127.0.0.1:9000} for tests. Separate from ingest-service's {@code NEWSWATCH_FETCH_ALLOW}:
   * webhook URLs come from any officer, feed URLs from admins only.
   */
  Optional<String> webhookAllow();

  /** The {@code User-Agent} of webhook requests. */
  @WithDefault("NewsWatch-Webhooks/1.0")
  String userAgent();

  /** Messages per window and channel for subscriptions that set no rate limit. */
  @WithDefault("10")
  int rateLimitMessages();

  /** The rate limit's window for subscriptions that set none. */
  @WithDefault("15m")
  Duration rateLimitWindow();

  /**
   * Base URL of alert-service as people reach it (e.g. {@code https://newswatch.example.org}), for
   * links to the alert in emails and payloads; none when absent.
   */
  Optional<String> publicUrl();
}
