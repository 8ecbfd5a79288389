package io.newswatch.alert.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.alert.delivery.DeliveryChannel;
import io.newswatch.events.Severity;
import java.time.Duration;
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
    StormSettings.RateLimit rateLimit,
    StormSettings.QuietHours quietHours,
    Instant createdAt,
    Instant updatedAt) {

  static SubscriptionView of(Subscription subscription, StormSettings.RateLimit defaults) {
    return new SubscriptionView(
        subscription.id,
        subscription.ownerId,
        subscription.name,
        subscription.query,
        subscription.minSeverity,
        subscription.enabled,
        DeliveryChannel.masked(subscription.channels),
        subscription.rateLimitMessages == null
            ? defaults
            : new StormSettings.RateLimit(
                subscription.rateLimitMessages,
                Duration.ofSeconds(subscription.rateLimitWindowSeconds)),
        subscription.quietStart == null
            ? null
            : new StormSettings.QuietHours(
                subscription.quietStart.toString(),
                subscription.quietEnd.toString(),
                subscription.quietZone),
        subscription.createdAt,
        subscription.updatedAt);
  }
}
