package io.newswatch.ingest.publish;

import io.newswatch.events.RawItem;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes raw items to Kafka, keyed by item id, and waits for the broker's acknowledgement. */
@ApplicationScoped
public class RawItemPublisher {

  /** Channel mapped to {@link io.newswatch.events.Topics#RAW_ITEMS} in application.properties. */
  public static final String CHANNEL = "raw-items";

  private final MutinyEmitter<RawItem> emitter;

  RawItemPublisher(@Channel(CHANNEL) MutinyEmitter<RawItem> emitter) {
    this.emitter = emitter;
  }

  /**
   * Sends one item and returns once every in-sync replica has it (acks=all).
   *
   * @throws RuntimeException when the broker refused it or did not answer in time; the item is then
   *     not recorded as seen and the next poll tries again
   */
  public void publish(RawItem item) {
    emitter.sendMessageAndAwait(
        Message.of(item)
            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(item.id()).build()));
  }
}
