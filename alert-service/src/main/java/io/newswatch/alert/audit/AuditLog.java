package io.newswatch.alert.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.events.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Records changes in the caller's transaction, so that a change and its audit entry commit or fail
 * together. Snapshots are the API views of the objects, which never hold secrets.
 */
@ApplicationScoped
public class AuditLog implements PanacheRepository<AuditEntry> {

  private static final ObjectMapper JSON = EventJson.mapper();

  private final Clock clock;

  AuditLog(Clock clock) {
    this.clock = clock;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void created(String actor, String entityType, String entityId, Object after) {
    record(actor, "create", entityType, entityId, null, after);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void updated(
      String actor, String entityType, String entityId, Object before, Object after) {
    record(actor, "update", entityType, entityId, before, after);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void deleted(String actor, String entityType, String entityId, Object before) {
    record(actor, "delete", entityType, entityId, before, null);
  }

  private void record(
      String actor,
      String action,
      String entityType,
      String entityId,
      Object before,
      Object after) {
    AuditEntry entry = new AuditEntry();
    entry.at = Instant.now(clock);
    entry.actor = actor;
    entry.action = action;
    entry.entityType = entityType;
    entry.entityId = entityId;
    entry.before = tree(before);
    entry.after = tree(after);
    persist(entry);
  }

  private static JsonNode tree(Object snapshot) {
    return snapshot == null ? null : JSON.valueToTree(snapshot);
  }
}
