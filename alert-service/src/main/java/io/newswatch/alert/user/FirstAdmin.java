package io.newswatch.alert.user;

import io.newswatch.security.Roles;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Creates the first admin at start-up from {@code NEWSWATCH_ADMIN_USER} and {@code
 * NEWSWATCH_ADMIN_PASSWORD}, unless a user of that name exists. Without a password, one is
 * generated and logged once, so that a fresh installation is never open and never locked.
 */
@ApplicationScoped
public class FirstAdmin {

  /** Settings of the first admin ({@code newswatch.admin.*}). */
  @ConfigMapping(prefix = "newswatch.admin")
  public interface AdminConfig {
    @WithDefault("admin")
    String user();

    Optional<String> password();
  }

  private final UserService users;
  private final AdminConfig config;

  FirstAdmin(UserService users, AdminConfig config) {
    this.users = users;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    String password = config.password().filter(p -> !p.isBlank()).orElse(null);
    boolean generated = password == null;
    if (generated) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
    boolean created;
    try {
      created = users.createIfAbsent(config.user(), password, Roles.ADMIN);
    } catch (PersistenceException e) {
      // Another instance created it at the same moment: the unique user name decided.
      Log.debugf(e, "first admin created by another instance");
      created = false;
    }
    if (created) {
      if (generated) {
        Log.warnf(
            "created the first admin '%s' with the generated password %s; set"
                + " NEWSWATCH_ADMIN_PASSWORD to choose it",
            config.user(), password);
      } else {
        Log.infof("created the first admin '%s'", config.user());
      }
    }
  }
}
