package io.newswatch.alert.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An audit entry as the API shows it. */
public record AuditView(
    long id,
    Instant at,
    String actor,
    String action,
    String entityType,
    String entityId,
    JsonNode before,
    JsonNode after) {

  static AuditView of(AuditEntry entry) {
    return new AuditView(
        entry.id,
        entry.at,
        entry.actor,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.before,
        entry.after);
  }
}
