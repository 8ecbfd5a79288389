package io.newswatch.security;

/** The roles of NewsWatch users, as used in {@code @RolesAllowed}. */
public final class Roles {

  /** Manages users, feeds, the taxonomy and every subscription. */
  public static final String ADMIN = "admin";

  /** Watches: manages their own subscriptions, receives and acknowledges their own alerts. */
  public static final String OFFICER = "officer";

  private Roles() {}

  /** True for a role name NewsWatch knows. */
  public static boolean isKnown(String role) {
    return ADMIN.equals(role) || OFFICER.equals(role);
  }
}
