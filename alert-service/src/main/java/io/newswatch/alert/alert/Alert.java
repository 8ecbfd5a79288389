package io.newswatch.alert.alert;

import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One subscription matched one story: what matched, a snapshot of the first item, and where the
 * watch officers are with it. The item's tags are stored once for all its alerts ({@code
 * alert_item}, read by {@link AlertRepository#tags}).
 */
@Entity
@Table(name = "alert")
public class Alert {

  @Id public UUID id;

  @Column(nullable = false)
  public UUID subscriptionId;

  /** The subscription's owner, who alone (besides admins) may see the alert. */
  @Column(nullable = false)
  public UUID ownerId;

  /** The story: every copy of it, from any feed, is a source of this one alert. */
  @Column(nullable = false)
  public UUID storyId;

  /** The first item of the story that matched. */
  @Column(nullable = false, length = 32)
  public String itemId;

  @Column(nullable = false, columnDefinition = "text")
  public String title;

  @Column(columnDefinition = "text")
  public String url;

  @Column(columnDefinition = "text")
  public String sourceName;

  public Instant publishedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public Severity severity;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public List<MatchedTerm> matches;

  @Column(nullable = false)
  public Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 16)
  public AlertStatus status;

  @Column(length = 64)
  public String acknowledgedBy;

  public Instant acknowledgedAt;

  @Column(length = 64)
  public String resolvedBy;

  public Instant resolvedAt;
}
