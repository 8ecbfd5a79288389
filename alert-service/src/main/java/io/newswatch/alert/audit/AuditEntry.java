package io.newswatch.alert.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One change to a user or subscription: who, what, when, before and after. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false)
  public Instant at;

  @Column(nullable = false, length = 64)
  public String actor;

  @Column(nullable = false, length = 16)
  public String action;

  @Column(nullable = false, length = 32)
  public String entityType;

  @Column(nullable = false, length = 64)
  public String entityId;

  @JdbcTypeCode(SqlTypes.JSON)
  public JsonNode before;

  @JdbcTypeCode(SqlTypes.JSON)
  public JsonNode after;
}
