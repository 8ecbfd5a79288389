package io.newswatch.alert.user;

import io.newswatch.security.AuthenticatedUser;
import io.newswatch.security.UserDirectory;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** alert-service keeps the users: credentials are checked against their bcrypt hashes here. */
@ApplicationScoped
public class DatabaseUserDirectory implements UserDirectory {

  /** Compared against for unknown users, so that a wrong name takes as long as a wrong password. */
  private static final String DECOY_HASH = BcryptUtil.bcryptHash(UUID.randomUUID().toString());

  private final UserRepository users;

  DatabaseUserDirectory(UserRepository users) {
    this.users = users;
  }

  @Override
  @Transactional
  public Optional<AuthenticatedUser> authenticate(String username, String password) {
    Optional<AppUser> user = users.findByUsername(username);
    String hash = user.map(u -> u.passwordHash).orElse(DECOY_HASH);
    boolean matches = BcryptUtil.matches(password, hash);
    return user.filter(u -> matches)
        .map(u -> new AuthenticatedUser(u.id.toString(), u.username, u.role));
  }
}
