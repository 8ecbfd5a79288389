package io.newswatch.alert.alert;

import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import io.newswatch.events.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An alert as the API shows it. */
public record AlertView(
    UUID id,
    UUID subscriptionId,
    String itemId,
    String title,
    String url,
    String sourceName,
    Instant publishedAt,
    Severity severity,
    List<MatchedTerm> matches,
    List<Tag> tags,
    Instant createdAt) {

  static AlertView of(Alert alert) {
    return new AlertView(
        alert.id,
        alert.subscriptionId,
        alert.itemId,
        alert.title,
        alert.url,
        alert.sourceName,
        alert.publishedAt,
        alert.severity,
        alert.matches,
        alert.tags,
        alert.createdAt);
  }
}
