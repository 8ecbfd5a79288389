package io.newswatch.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, for ownership checks in services. */
@RequestScoped
public class CurrentUser {

  private final SecurityIdentity identity;

  CurrentUser(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** The caller's user id. */
  public String id() {
    String id = identity.getAttribute(AuthenticatedUser.USER_ID_ATTRIBUTE);
    if (id == null) {
      throw new IllegalStateException("no authenticated NewsWatch user in this request");
    }
    return id;
  }

  /** The caller's user name. */
  public String username() {
    return identity.getPrincipal().getName();
  }

  /** True for admins, who see every user's objects. */
  public boolean isAdmin() {
    return identity.hasRole(Roles.ADMIN);
  }
}
