package io.newswatch.alert.outbox;

import java.util.List;
import java.util.Map;

/**
 * Delivers the outbox messages of one channel. Implementations are CDI beans; the relay finds them
 * by {@link #name()}. Alert events to Kafka are the first; webhooks and email are further channels
 * of the same outbox.
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
