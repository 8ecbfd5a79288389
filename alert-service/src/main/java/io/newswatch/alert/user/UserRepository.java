package io.newswatch.alert.user;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Users in PostgreSQL. */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<AppUser, UUID> {

  Optional<AppUser> findByUsername(String username) {
    return find("username", username).firstResultOptional();
  }
}
