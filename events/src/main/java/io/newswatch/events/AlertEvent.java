package io.newswatch.events;

import static io.newswatch.events.Checks.require;
import static io.newswatch.events.Checks.requireText;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;

/**
 * A new alert: one subscription matched one story.
 *
 * @param schemaVersion {@link EventSchema#VERSION} at the time of writing
 * @param alertId alert id in alert-service; also the Kafka record key
 * @param subscriptionId the subscription that matched
 * @param subscriptionName its name at the time
 * @param owner user name of the subscription's owner
 * @param item the item that triggered the alert
 * @param severity the item's severity
 * @param matches where the subscription's query matched
 * @param tags the item's actor and region tags
 * @param createdAt when the alert was created
 */
public record AlertEvent(
    int schemaVersion,
    String alertId,
    String subscriptionId,
    String subscriptionName,
    String owner,
    ItemRef item,
    Severity severity,
    List<MatchedTerm> matches,
    @JsonSerialize(using = SharedTagsSerializer.class) List<Tag> tags,
    Instant createdAt) {

  public AlertEvent {
    EventSchema.check(schemaVersion);
    requireText(alertId, "alertId");
    requireText(subscriptionId, "subscriptionId");
    subscriptionName = Checks.orEmpty(subscriptionName);
    requireText(owner, "owner");
    require(item, "item");
    require(severity, "severity");
    matches = Checks.copy(matches);
    tags = Checks.copy(tags);
    require(createdAt, "createdAt");
  }

  /** The current schema version's constructor, for producers. */
  public static AlertEvent of(
      String alertId,
      String subscriptionId,
      String subscriptionName,
      String owner,
      ItemRef item,
      Severity severity,
      List<MatchedTerm> matches,
      List<Tag> tags,
      Instant createdAt) {
    return new AlertEvent(
        EventSchema.VERSION,
        alertId,
        subscriptionId,
        subscriptionName,
        owner,
        item,
        severity,
        matches,
        tags,
        createdAt);
  }
}
