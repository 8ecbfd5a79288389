package io.newswatch.alert.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.events.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** What a user watches: a named query, a minimum severity, and where alerts go. */
@Entity
@Table(name = "subscription")
public class Subscription {

  @Id public UUID id;

  @Column(nullable = false)
  public UUID ownerId;

  @Column(nullable = false, length = 200)
  public String name;

  @Column(nullable = false, length = 2000)
  public String query;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public Severity minSeverity;

  @Column(nullable = false)
  public boolean enabled;

  /** Delivery channels as given (webhook, email); the owner's live stream is always on. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public JsonNode channels;

  /** Messages per rate-limit window and channel; null for the configured default. */
  public Integer rateLimitMessages;

  /** The rate limit's window; null for the configured default. */
  public Integer rateLimitWindowSeconds;

  /** Quiet hours: all three set, or none. */
  public LocalTime quietStart;

  public LocalTime quietEnd;

  @Column(length = 64)
  public String quietZone;

  @Column(nullable = false)
  public Instant createdAt;

  @Column(nullable = false)
  public Instant updatedAt;
}
