package io.newswatch.events;

import static io.newswatch.events.Checks.require;
import static io.newswatch.events.Checks.requireText;

import java.time.Instant;
import java.util.List;

/**
 * A raw item with the actors and regions classify-service found in it.
 *
 * @param schemaVersion {@link EventSchema#VERSION} at the time of writing
 * @param item the raw item, unchanged; its id is the Kafka record key
 * @param tags actor and region tags with evidence
 * @param severity how urgent the item looks
 * @param severityEvidence the event cues (attack, killed, ...) the severity rests on
 * @param taxonomyVersion version of the taxonomy the tags come from
 * @param classifiedAt when the item was classified
 */
public record ClassifiedItem(
    int schemaVersion,
    RawItem item,
    List<Tag> tags,
    Severity severity,
    List<Evidence> severityEvidence,
    String taxonomyVersion,
    Instant classifiedAt) {

  public ClassifiedItem {
    EventSchema.check(schemaVersion);
    require(item, "item");
    tags = Checks.copy(tags);
    require(severity, "severity");
    severityEvidence = Checks.copy(severityEvidence);
    requireText(taxonomyVersion, "taxonomyVersion");
    require(classifiedAt, "classifiedAt");
  }

  /** The current schema version's constructor, for producers. */
  public static ClassifiedItem of(
      RawItem item,
      List<Tag> tags,
      Severity severity,
      List<Evidence> severityEvidence,
      String taxonomyVersion,
      Instant classifiedAt) {
    return new ClassifiedItem(
        EventSchema.VERSION, item, tags, severity, severityEvidence, taxonomyVersion, classifiedAt);
  }

  /** The item id, which is also the Kafka record key. */
  public String id() {
    return item.id();
  }
}
