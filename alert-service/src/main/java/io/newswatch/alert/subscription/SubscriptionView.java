package io.newswatch.alert.subscription;

import java.time.Instant;
import java.util.UUID;

/** A subscription as the API shows it. */
public record SubscriptionView(
    UUID id, String name, String query, Instant createdAt, Instant updatedAt) {

  static SubscriptionView of(Subscription subscription) {
    return new SubscriptionView(
        subscription.id,
        subscription.name,
        subscription.query,
        subscription.createdAt,
        subscription.updatedAt);
  }
}
