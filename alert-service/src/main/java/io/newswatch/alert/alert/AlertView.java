package io.newswatch.alert.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newswatch.alert.delivery.DeliveryView;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An alert as the API shows it: the first item, what matched, every source, its status and, for a
 * single alert, how it went out on each webhook and email channel.
 */
public record AlertView(
    UUID id,
    UUID subscriptionId,
    UUID storyId,
    String itemId,
    String title,
    String url,
    String sourceName,
    Instant publishedAt,
    Severity severity,
    List<MatchedTerm> matches,
    List<Tag> tags,
    List<SourceView> sources,
    AlertStatus status,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String resolvedBy,
    Instant resolvedAt,
    Instant createdAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<DeliveryView> deliveries) {

  /** With deliveries for {@code GET /alerts/{id}}; null in lists, which leave them out. */
  static AlertView of(
      Alert alert, List<Tag> tags, List<SourceView> sources, List<DeliveryView> deliveries) {
    return new AlertView(
        alert.id,
        alert.subscriptionId,
        alert.storyId,
        alert.itemId,
        alert.title,
        alert.url,
        alert.sourceName,
        alert.publishedAt,
        alert.severity,
        alert.matches,
        tags,
        sources,
        alert.status,
        alert.acknowledgedBy,
        alert.acknowledgedAt,
        alert.resolvedBy,
        alert.resolvedAt,
        alert.createdAt,
        deliveries);
  }
}
