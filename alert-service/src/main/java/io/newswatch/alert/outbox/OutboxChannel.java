package io.newswatch.alert.outbox;

import java.util.List;
import java.util.Map;

/**
 * Delivers the outbox messages of one channel. Implementations are CDI beans; the relay finds them
 * by {@link #name()}. Alert events to Kafka go this way, relayed in batches inside one transaction;
 * webhooks and email are rows of the same outbox table, but are attempted one by one under a lease
 * by {@link io.newswatch.alert.delivery.DeliveryWorker}, since a receiver may take seconds.
 */
public interface OutboxChannel {

  /** The channel name written in the outbox, e.g. {@code kafka}. */
  String name();

  /**
   * Delivers a batch; returns, for each message that failed, why. Messages not in the answer are
   * delivered. Must not return before the receiver acknowledged them.
   */
  Map<Long, String> deliver(List<OutboxMessage> batch);
}
