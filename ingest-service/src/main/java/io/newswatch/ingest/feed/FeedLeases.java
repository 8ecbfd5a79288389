package io.newswatch.ingest.feed;

import io.newswatch.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Leases on feed rows, so that several ingest-service instances share the feeds without polling one
 * twice at the same time. A lease names its instance and expires: an instance that dies releases
 * its feeds when their leases run out.
 *
 * <p>Claiming uses {@code SELECT ... FOR UPDATE SKIP LOCKED}: instances claiming at the same moment
 * skip each other's rows instead of waiting for them, and never get the same feed.
 */
@ApplicationScoped
public class FeedLeases {

  private final EntityManager entityManager;
  private final IngestConfig config;
  private final Clock clock;
  private final String instanceId;

  FeedLeases(EntityManager entityManager, IngestConfig config, Clock clock) {
    this.entityManager = entityManager;
    this.config = config;
    this.clock = clock;
    this.instanceId = config.instanceId().orElseGet(FeedLeases::defaultInstanceId);
  }

  /** The name of this instance in leases and in {@code lastPolledBy}. */
  public String instanceId() {
    return instanceId;
  }

  /** Claims up to {@code max} enabled feeds that are due and not leased by a live instance. */
  @Transactional
  public List<Long> claimDue(int max) {
    Instant now = Instant.now(clock);
    @SuppressWarnings("unchecked")
    List<Number> rows =
        entityManager
            .createNativeQuery(
                "SELECT id FROM feed WHERE enabled AND next_poll_at <= ?1"
                    + " AND (lease_until IS NULL OR lease_until <= ?1)"
                    + " ORDER BY next_poll_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
            .setParameter(1, now)
            .setParameter(2, max)
            .getResultList();
    List<Long> ids = rows.stream().map(Number::longValue).toList();
    if (!ids.isEmpty()) {
      entityManager
          .createNativeQuery(
              "UPDATE feed SET lease_owner = ?1, lease_until = ?2 WHERE id = ANY(?3)")
          .setParameter(1, instanceId)
          .setParameter(2, now.plus(config.leaseDuration()))
          .setParameter(3, ids.toArray(Long[]::new))
          .executeUpdate();
    }
    return ids;
  }

  /**
   * Claims one feed whatever its schedule, for a poll an admin asked for.
   *
   * @return false when the feed does not exist or a live lease holds it
   */
  @Transactional
  public boolean claim(long id) {
    Instant now = Instant.now(clock);
    return entityManager
            .createNativeQuery(
                "UPDATE feed SET lease_owner = ?1, lease_until = ?2 WHERE id = ?3"
                    + " AND (lease_until IS NULL OR lease_until <= ?4)")
            .setParameter(1, instanceId)
            .setParameter(2, now.plus(config.leaseDuration()))
            .setParameter(3, id)
            .setParameter(4, now)
            .executeUpdate()
        == 1;
  }

  /** Releases one lease of this instance without recording a poll. */
  @Transactional
  public void release(long id) {
    entityManager
        .createNativeQuery(
            "UPDATE feed SET lease_owner = NULL, lease_until = NULL"
                + " WHERE id = ?1 AND lease_owner = ?2")
        .setParameter(1, id)
        .setParameter(2, instanceId)
        .executeUpdate();
  }

  /** Releases every lease of this instance, on shutdown, so others need not wait for expiry. */
  @Transactional
  public int releaseAll() {
    return entityManager
        .createNativeQuery(
            "UPDATE feed SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?1")
        .setParameter(1, instanceId)
        .executeUpdate();
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "ingest";
    }
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String id = host + "-" + suffix;
    return id.length() > 100 ? id.substring(id.length() - 100) : id;
  }
}
