package io.newswatch.alert.story;

import io.newswatch.alert.AlertConfig;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which story each received item belongs to, in PostgreSQL: the item itself on redelivery, else an
 * item of the story window with the same link key, else one with the same text (near SimHash,
 * shared word pairs), else a new story.
 *
 * <p>Two instances may receive two copies of one story at the same moment (different partitions).
 * Each first takes transaction-scoped advisory locks on its link key and on its SimHash bands; two
 * copies of one story share at least one of these keys, so the second waits until the first has
 * committed its story, then finds it. Unrelated items rarely share a key, and then only wait a few
 * milliseconds. Locks are taken in sorted order: no deadlock.
 */
@ApplicationScoped
public class StoryRepository {

  private final EntityManager entityManager;
  private final AlertConfig config;

  StoryRepository(EntityManager entityManager, AlertConfig config) {
    this.entityManager = entityManager;
    this.config = config;
  }

  /**
   * The story of an item, recording the item; call first in the transaction that stores its alerts,
   * which holds the story locks until it commits.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID resolve(ClassifiedItem item, Instant receivedAt) {
    StoryFingerprint fingerprint = StoryFingerprint.of(item.item());
    lock(fingerprint.lockKeys());
    List<?> known =
        entityManager
            .createNativeQuery("SELECT story_id FROM received_item WHERE item_id = ?1")
            .setParameter(1, item.id())
            .getResultList();
    if (!known.isEmpty()) {
      return (UUID) known.get(0);
    }
    Instant fetched = item.item().fetchedAt();
    Instant from = fetched.minus(config.storyWindow());
    Instant to = fetched.plus(config.storyWindow());
    UUID story = byLink(fingerprint, from, to);
    if (story == null) {
      story = byText(fingerprint, from, to);
    }
    if (story == null) {
      story = UUID.randomUUID();
    } else {
      Log.debugf("item %s joins story %s", item.id(), story);
    }
    entityManager
        .createNativeQuery(
            """
            INSERT INTO received_item (item_id, story_id, link_key, simhash, bands, fetched_at,
                                       received_at, payload)
            VALUES (?1, ?2, ?3, ?4, CAST(?5 AS integer[]), ?6, ?7, CAST(?8 AS jsonb))
            ON CONFLICT (item_id) DO NOTHING
            """)
        .setParameter(1, item.id())
        .setParameter(2, story)
        .setParameter(3, fingerprint.linkKey())
        .setParameter(4, fingerprint.simHash())
        .setParameter(5, arrayLiteral(fingerprint.bands()))
        .setParameter(6, fetched)
        .setParameter(7, receivedAt)
        .setParameter(8, EventJson.writeString(item))
        .executeUpdate();
    return story;
  }

  private void lock(long[] keys) {
    if (keys.length == 0) {
      return;
    }
    entityManager
        .createNativeQuery("SELECT advisory_xact_lock_all(CAST(?1 AS bigint[]))")
        .setParameter(1, arrayLiteral(keys))
        .getSingleResult();
  }

  private UUID byLink(StoryFingerprint fingerprint, Instant from, Instant to) {
    if (fingerprint.linkKey() == null) {
      return null;
    }
    List<?> found =
        entityManager
            .createNativeQuery(
                "SELECT story_id FROM received_item WHERE link_key = ?1"
                    + " AND fetched_at BETWEEN ?2 AND ?3 ORDER BY fetched_at LIMIT 1")
            .setParameter(1, fingerprint.linkKey())
            .setParameter(2, from)
            .setParameter(3, to)
            .getResultList();
    return found.isEmpty() ? null : (UUID) found.get(0);
  }

  private UUID byText(StoryFingerprint fingerprint, Instant from, Instant to) {
    if (fingerprint.simHash() == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> candidates =
        entityManager
            .createNativeQuery(
                """
                SELECT story_id, CAST(payload AS text) FROM received_item
                WHERE bands && CAST(?1 AS integer[]) AND fetched_at BETWEEN ?2 AND ?3
                  AND bit_count(CAST(simhash # ?4 AS bit(64))) <= ?5
                ORDER BY bit_count(CAST(simhash # ?4 AS bit(64))), fetched_at
                LIMIT 20
                """,
                Object[].class)
            .setParameter(1, arrayLiteral(fingerprint.bands()))
            .setParameter(2, from)
            .setParameter(3, to)
            .setParameter(4, fingerprint.simHash())
            .setParameter(5, StoryFingerprint.MAX_DISTANCE)
            .getResultList();
    for (Object[] candidate : candidates) {
      RawItem other = EventJson.read((String) candidate[1], ClassifiedItem.class).item();
      if (fingerprint.sameText(StoryFingerprint.of(other))) {
        return (UUID) candidate[0];
      }
    }
    return null;
  }

  /** The items received last, newest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ClassifiedItem> recent(int limit) {
    @SuppressWarnings("unchecked")
    List<String> payloads =
        entityManager
            .createNativeQuery(
                "SELECT CAST(payload AS text) FROM received_item"
                    + " ORDER BY received_at DESC, item_id LIMIT ?1",
                String.class)
            .setParameter(1, limit)
            .getResultList();
    return payloads.stream().map(p -> EventJson.read(p, ClassifiedItem.class)).toList();
  }

  /** Forgets items received before the retention (never within the story window). */
  @Transactional
  public int prune(Instant now) {
    Instant before =
        now.minus(
            config.itemRetention().compareTo(config.storyWindow().multipliedBy(2)) > 0
                ? config.itemRetention()
                : config.storyWindow().multipliedBy(2));
    return entityManager
        .createNativeQuery("DELETE FROM received_item WHERE received_at < ?1")
        .setParameter(1, before)
        .executeUpdate();
  }

  private static String arrayLiteral(int[] values) {
    return Arrays.stream(values)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String arrayLiteral(long[] values) {
    return Arrays.stream(values)
        .mapToObj(Long::toString)
        .collect(Collectors.joining(",", "{", "}"));
  }
}
