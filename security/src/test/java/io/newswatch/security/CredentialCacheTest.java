package io.newswatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

  private static final AuthenticatedUser ALICE = new AuthenticatedUser("1", "alice", Roles.OFFICER);

  private final MutableClock clock = new MutableClock();
  private final CredentialCache cache = new CredentialCache(Duration.ofSeconds(30), 100, clock);

  @Test
  void remembersTheExactCredentialsOnly() {
    cache.put("alice", "correct horse", ALICE);

    assertThat(cache.get("alice", "correct horse")).contains(ALICE);
    assertThat(cache.get("alice", "correct hors")).isEmpty();
    assertThat(cache.get("alicE", "correct horse")).isEmpty();
  }

  @Test
  void userNameAndPasswordCannotBeShiftedIntoEachOther() {
    cache.put("ali", "cecorrect", ALICE);

    assertThat(cache.get("alice", "correct")).isEmpty();
  }

  @Test
  void forgetsAfterTheTimeToLive() {
    cache.put("alice", "pw", ALICE);

    clock.advance(Duration.ofSeconds(31));

    assertThat(cache.get("alice", "pw")).isEmpty();
  }

  @Test
  void forgetsAUserOnInvalidation() {
    cache.put("alice", "pw", ALICE);
    cache.put("bob", "pw", new AuthenticatedUser("2", "bob", Roles.ADMIN));

    cache.invalidate("alice");

    assertThat(cache.get("alice", "pw")).isEmpty();
    assertThat(cache.get("bob", "pw")).isPresent();
  }

  @Test
  void staysWithinItsSize() {
    CredentialCache small = new CredentialCache(Duration.ofSeconds(30), 2, clock);
    small.put("a", "1", ALICE);
    small.put("b", "2", ALICE);

    small.put("c", "3", ALICE);

    assertThat(small.get("c", "3")).isPresent();
  }

  /** A clock tests move forward by hand. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-15T08:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
