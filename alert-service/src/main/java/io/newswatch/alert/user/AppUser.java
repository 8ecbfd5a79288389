package io.newswatch.alert.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A person who signs in: an admin or a watch officer. */
@Entity
@Table(name = "app_user")
public class AppUser {

  @Id public UUID id;

  @Column(nullable = false, unique = true, length = 64)
  public String username;

  /** bcrypt hash; the password itself is never stored. */
  @Column(nullable = false, length = 100)
  public String passwordHash;

  @Column(nullable = false, length = 16)
  public String role;

  @Column(nullable = false)
  public Instant createdAt;

  @Column(nullable = false)
  public Instant updatedAt;
}
