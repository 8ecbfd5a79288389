package io.newswatch.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers credentials that were verified a moment ago, so that a bcrypt check (or a call to the
 * user directory) runs about once a minute per user rather than on every request.
 *
 * <p>Passwords are never kept: entries are keyed by an HMAC of user name and password under a key
 * that exists only in this process's memory.
 */
public final class CredentialCache {

  private record Entry(AuthenticatedUser user, Instant expires) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Duration timeToLive;
  private final int maxEntries;
  private final Clock clock;
  private final SecretKeySpec key;

  public CredentialCache(Duration timeToLive, int maxEntries, Clock clock) {
    this.timeToLive = timeToLive;
    this.maxEntries = maxEntries;
    this.clock = clock;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** The user, if these exact credentials were verified within the time to live. */
  public Optional<AuthenticatedUser> get(String username, String password) {
    Entry entry = entries.get(keyOf(username, password));
    if (entry == null) {
      return Optional.empty();
    }
    if (!entry.expires().isAfter(clock.instant())) {
      entries.remove(keyOf(username, password), entry);
      return Optional.empty();
    }
    return Optional.of(entry.user());
  }

  /** Records credentials that were just verified. */
  public void put(String username, String password, AuthenticatedUser user) {
    if (entries.size() >= maxEntries) {
      Instant now = clock.instant();
      entries.values().removeIf(entry -> !entry.expires().isAfter(now));
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
    entries.put(keyOf(username, password), new Entry(user, clock.instant().plus(timeToLive)));
  }

  /** Forgets every entry of a user, after a password change or deletion. */
  public void invalidate(String username) {
    entries.values().removeIf(entry -> entry.user().username().equals(username));
  }

  private String keyOf(String username, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(username.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
