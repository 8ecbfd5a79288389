package io.newswatch.security;

import java.util.Optional;

/** Where a service checks credentials. alert-service keeps the users; the other services ask it. */
public interface UserDirectory {

  /**
   * The user these credentials belong to.
   *
   * @return empty when the user is unknown or the password is wrong (the two look the same)
   * @throws UserDirectoryUnavailableException when the directory cannot answer now
   */
  Optional<AuthenticatedUser> authenticate(String username, String password);
}
