package io.newswatch.alert.subscription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What a user watches: a named query. */
@Entity
@Table(name = "subscription")
public class Subscription {

  @Id public UUID id;

  @Column(nullable = false, length = 200)
  public String name;

  @Column(nullable = false, length = 2000)
  public String query;

  @Column(nullable = false)
  public Instant createdAt;

  @Column(nullable = false)
  public Instant updatedAt;
}
