package io.newswatch.alert.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /users}: what an admin may set. Id and timestamps are the service's.
 *
 * @param username login name
 * @param password at least 12 characters; stored as a bcrypt hash
 * @param role {@code admin} or {@code officer}
 */
public record UserRequest(
    @NotBlank(message = "is required")
        @Pattern(
            regexp = "[a-z0-9][a-z0-9._-]{1,63}",
            message = "must be 2 to 64 lower-case letters, digits, dots, dashes or underscores")
        String username,
    @NotBlank(message = "is required")
        @Size(min = 12, max = 128, message = "must be 12 to 128 characters")
        String password,
    @NotBlank(message = "is required")
        @Pattern(regexp = "admin|officer", message = "must be admin or officer")
        String role) {

  /** Never print the password, not even in a log line or a failed assertion. */
  @Override
  public String toString() {
    return "UserRequest[username=" + username + ", role=" + role + "]";
  }
}
