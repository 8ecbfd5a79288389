package io.newswatch.classify.pipeline;

import io.newswatch.classify.tagging.Classification;
import io.newswatch.classify.tagging.KeywordTagger;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Reads raw items, tags them, and publishes them classified under the same key.
 *
 * <p>A raw record is acknowledged (and its offset committed) only after Kafka acknowledged the
 * classified record. A record that is not a raw item throws, is nacked, and goes to the dead-letter
 * topic with the reason in its headers, so the partition keeps moving.
 */
@ApplicationScoped
public class ClassifyProcessor {

  /** Channel mapped to {@link io.newswatch.events.Topics#RAW_ITEMS}. */
  public static final String RAW_ITEMS = "raw-items";

  /** Channel mapped to {@link io.newswatch.events.Topics#CLASSIFIED_ITEMS}. */
  public static final String CLASSIFIED_ITEMS = "classified-items";

  private final KeywordTagger tagger = new KeywordTagger(KeywordTagger.SKELETON_TABLE);
  private final Clock clock;

  ClassifyProcessor(Clock clock) {
    this.clock = clock;
  }

  @Incoming(RAW_ITEMS)
  @Outgoing(CLASSIFIED_ITEMS)
  public Record<String, ClassifiedItem> classify(byte[] payload) {
    RawItem item = EventJson.read(payload, RawItem.class);
    Classification classification = tagger.classify(item);
    ClassifiedItem classified =
        ClassifiedItem.of(
            item,
            classification.tags(),
            classification.severity(),
            classification.severityEvidence(),
            KeywordTagger.SKELETON_VERSION,
            Instant.now(clock));
    Log.debugf(
        "classified %s: %d tags, %s", item.id(), classified.tags().size(), classified.severity());
    return Record.of(item.id(), classified);
  }
}
