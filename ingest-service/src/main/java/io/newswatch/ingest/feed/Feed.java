package io.newswatch.ingest.feed;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A registered feed and the state of its polling. */
@Entity
@Table(name = "feed")
public class Feed {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, unique = true, length = 2048)
  public String url;

  @Column(length = 200)
  public String name;

  @Column(nullable = false)
  public Instant createdAt;

  @Column(nullable = false)
  public int pollIntervalSeconds;

  @Column(nullable = false)
  public Instant nextPollAt;

  @Column(nullable = false)
  public boolean enabled;

  @Column(length = 500)
  public String disabledReason;

  public Instant lastFetchedAt;

  public Instant lastSuccessAt;

  public Integer lastStatus;

  @Column(length = 500)
  public String lastError;

  @Column(length = 100)
  public String lastPolledBy;

  @Column(length = 1024)
  public String etag;

  @Column(length = 200)
  public String lastModified;

  @Column(nullable = false)
  public int consecutiveFailures;

  @Column(nullable = false)
  public long itemsPublished;

  @Column(length = 100)
  public String leaseOwner;

  public Instant leaseUntil;
}
