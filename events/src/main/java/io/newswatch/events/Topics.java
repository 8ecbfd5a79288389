package io.newswatch.events;

/** Kafka topic names shared by producers, consumers, tests and the local stack. */
public final class Topics {

  /** Raw news items as fetched by ingest-service; key = {@link RawItem#id()}. */
  public static final String RAW_ITEMS = "newswatch.items.raw";

  /** Items tagged by classify-service; key = the raw item's id. */
  public static final String CLASSIFIED_ITEMS = "newswatch.items.classified";

  /**
   * Alerts created by alert-service, for downstream systems; key = {@link AlertEvent#alertId()}.
   */
  public static final String ALERTS = "newswatch.alerts";

  /** Raw records classify-service could not read; the reason travels in record headers. */
  public static final String RAW_ITEMS_DEAD_LETTER = RAW_ITEMS + ".dlq";

  /** Classified records alert-service could not read; the reason travels in record headers. */
  public static final String CLASSIFIED_ITEMS_DEAD_LETTER = CLASSIFIED_ITEMS + ".dlq";

  private Topics() {}
}
