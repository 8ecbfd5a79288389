package io.newswatch.security;

/**
 * Who a set of credentials belongs to.
 *
 * @param id the user's id in alert-service
 * @param username the login name
 * @param role {@link Roles#ADMIN} or {@link Roles#OFFICER}
 */
public record AuthenticatedUser(String id, String username, String role) {

  /** Name of the {@code SecurityIdentity} attribute that carries {@link #id()}. */
  public static final String USER_ID_ATTRIBUTE = "newswatch.user-id";
}
