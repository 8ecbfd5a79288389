package io.newswatch.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns HTTP Basic credentials into a NewsWatch identity (user name, role, user id), asking the
 * service's {@link UserDirectory} and remembering the answer briefly.
 */
@ApplicationScoped
public class BasicIdentityProvider
    implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private static final Logger LOG = Logger.getLogger(BasicIdentityProvider.class);

  private final UserDirectory directory;
  private final CredentialCache cache;

  BasicIdentityProvider(UserDirectory directory, AuthConfig config, Clock clock) {
    this.directory = directory;
    this.cache = new CredentialCache(config.cacheTimeToLive(), 10_000, clock);
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
    String username = request.getUsername();
    String password = new String(request.getPassword().getPassword());
    // bcrypt and the directory call block: keep them off the I/O thread.
    return context.runBlocking(() -> identityOf(verify(username, password)));
  }

  /** Forgets remembered credentials of a user (after a password change or deletion). */
  public void forget(String username) {
    cache.invalidate(username);
  }

  private AuthenticatedUser verify(String username, String password) {
    Optional<AuthenticatedUser> cached = cache.get(username, password);
    if (cached.isPresent()) {
      return cached.get();
    }
    Optional<AuthenticatedUser> user;
    try {
      user = directory.authenticate(username, password);
    } catch (UserDirectoryUnavailableException e) {
      LOG.warnf("cannot check the credentials of %s: %s", username, e.getMessage());
      throw new AuthenticationFailedException(e);
    }
    AuthenticatedUser verified = user.orElseThrow(AuthenticationFailedException::new);
    cache.put(username, password, verified);
    return verified;
  }

  private static SecurityIdentity identityOf(AuthenticatedUser user) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(user.username()))
        .addRole(user.role())
        .addAttribute(AuthenticatedUser.USER_ID_ATTRIBUTE, user.id())
        .build();
  }
}
