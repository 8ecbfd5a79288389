package io.newswatch.alert.user;

import java.time.Instant;
import java.util.UUID;

/** A user as the API (and the audit log) shows it: never the password hash. */
public record UserView(UUID id, String username, String role, Instant createdAt) {

  static UserView of(AppUser user) {
    return new UserView(user.id, user.username, user.role, user.createdAt);
  }
}
