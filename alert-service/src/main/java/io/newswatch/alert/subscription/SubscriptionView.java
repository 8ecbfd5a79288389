package io.newswatch.alert.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.events.Severity;
import java.time.Instant;
import java.util.UUID;

/** A subscription as the API (and the audit log) shows it: channel secrets are masked. */
public record SubscriptionView(
    UUID id,
    UUID ownerId,
    String name,
    String query,
    Severity minSeverity,
    boolean enabled,
    JsonNode channels,
    Instant createdAt,
    Instant updatedAt) {

  static SubscriptionView of(Subscription subscription) {
    return new SubscriptionView(
        subscription.id,
        subscription.ownerId,
        subscription.name,
        subscription.query,
        subscription.minSeverity,
        subscription.enabled,
        masked(subscription.channels),
        subscription.createdAt,
        subscription.updatedAt);
  }

  private static JsonNode masked(JsonNode channels) {
    ArrayNode copy = ((ArrayNode) channels).deepCopy();
    for (JsonNode channel : copy) {
      if (channel instanceof ObjectNode object && object.has("secret")) {
        object.put("secret", "********");
      }
    }
    return copy;
  }
}
