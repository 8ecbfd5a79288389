package io.newswatch.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Configuration of alert-service ({@code newswatch.alert.*}, or {@code NEWSWATCH_ALERT_*}). */
@ConfigMapping(prefix = "newswatch.alert")
public interface AlertConfig {

  /** Most subscriptions one user may have. */
  @WithDefault("100")
  int maxSubscriptionsPerUser();

  /**
   * A taxonomy directory to use instead of the built-in one; defaults to classify-service's {@code
   * NEWSWATCH_CLASSIFY_TAXONOMY_PATH}, since concept filters must name what the classifier tags.
   * Read at start-up.
   */
  Optional<Path> taxonomyPath();

  /**
   * How often every instance applies subscription changes made elsewhere ({@code 0.5s}); changes
   * made on this instance apply at once. Read by the scheduler.
   */
  @WithDefault("0.5s")
  String indexRefreshInterval();

  /** How long received items are kept, for story recognition and previews; at least 48 hours. */
  @WithDefault("7d")
  Duration itemRetention();

  /** Two items are one story only when fetched within this time of each other. */
  @WithDefault("48h")
  Duration storyWindow();

  /**
   * Most texts whose keys each instance keeps in memory to recognise copies of a story (the texts
   * received last; about 500 bytes each, so 100 MB at the default). Copies of a text older than the
   * oldest kept are not recognised by text any more (by link they still are): keep it above the
   * items of two story windows ({@code newswatch_alert_story_index_oldest_seconds} tells how far
   * back it reaches). Read at start-up.
   */
  @WithDefault("200000")
  int storyIndexCapacity();

  /** Stored items a preview looks at when the request does not say. */
  @WithDefault("100")
  int previewItems();

  /** The alert event relay and the outbox. */
  Outbox outbox();

  /** The live stream, {@code GET /alerts/stream}. */
  Stream stream();

  /** The live stream's settings. */
  interface Stream {
    /** How often every instance looks for alerts stored anywhere. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** A comment goes to a quiet stream this often, so proxies keep it open. */
    @WithDefault("15s")
    Duration keepAlive();
  }

  /**
   * Settings of the alert event relay (names kept from when events went through the outbox) and of
   * the outbox's housekeeping.
   */
  interface Outbox {

    /**
     * How often the relay looks for alerts not yet published, stored by any instance, and retries
     * ({@code 1s}). Read by the scheduler.
     */
    @WithDefault("1s")
    String pollInterval();

    /** Alert events published per round. */
    @WithDefault("100")
    int batchSize();

    /**
     * How long finished webhook and email deliveries stay in the outbox before they are deleted.
     */
    @WithDefault("7d")
    Duration retention();
  }
}
