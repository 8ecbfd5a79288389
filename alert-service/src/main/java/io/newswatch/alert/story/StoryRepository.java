package io.newswatch.alert.story;

import io.newswatch.alert.AlertConfig;
import io.newswatch.alert.db.ArraySql;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Which story each received item belongs to, in PostgreSQL: the item itself on redelivery, else an
 * item of the story window with the same link key, else one with the same text (near SimHash,
 * shared word pairs), else a new story.
 *
 * <p>Two instances may receive two copies of one story at the same moment (different partitions).
 * Each first takes transaction-scoped advisory locks on its link key and on its text band keys (for
 * a batch, on those of all its items); two copies of one story share at least one of these keys, so
 * the second waits until the first has committed its story, then finds it. Unrelated items rarely
 * share a key (band keys are 32-bit MinHash bands), and then only wait a few milliseconds. Locks
 * are taken in sorted order: no deadlock. A batch of n items takes up to 25 n locks, which
 * PostgreSQL's lock table must hold ({@code max_locks_per_transaction}, 64 by default, times the
 * connections): the consumer's batches are kept small enough for the defaults.
 *
 * <p>A batch costs a fixed number of round trips whatever its size: locks, known items, link
 * candidates, text candidates, one insert.
 */
@ApplicationScoped
public class StoryRepository {

  /** Nearest stored texts (by SimHash) whose word pairs are compared with an arrival's. */
  private static final int MAX_TEXT_CANDIDATES = 20;

  private final EntityManager entityManager;
  private final AlertConfig config;

  StoryRepository(EntityManager entityManager, AlertConfig config) {
    this.entityManager = entityManager;
    this.config = config;
  }

  /**
   * The story of each item (in order), recording the items; call first in the transaction that
   * stores their alerts, which holds the story locks until it commits. Items received before keep
   * their story, so a redelivered batch changes nothing.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<UUID> resolve(List<ClassifiedItem> items, Instant receivedAt) {
    if (items.isEmpty()) {
      return List.of();
    }
    List<StoryAssigner.Arrival> arrivals = new ArrayList<>(items.size());
    for (ClassifiedItem item : items) {
      arrivals.add(
          new StoryAssigner.Arrival(
              item.id(), StoryFingerprint.of(item.item()), item.item().fetchedAt()));
    }
    lock(arrivals.stream().flatMapToLong(a -> LongStream.of(a.fingerprint().lockKeys())).toArray());
    StoryAssigner.Candidates candidates =
        new StoryAssigner.Candidates(known(arrivals), byLink(arrivals), byText(arrivals));
    List<UUID> stories =
        new StoryAssigner(config.storyWindow(), UUID::randomUUID).assign(arrivals, candidates);
    insert(items, arrivals, stories, candidates.known().keySet(), receivedAt);
    return stories;
  }

  private void lock(long[] keys) {
    long[] sorted = LongStream.of(keys).sorted().distinct().toArray();
    if (sorted.length == 0) {
      return;
    }
    entityManager
        .createNativeQuery("SELECT advisory_xact_lock_all(CAST(?1 AS bigint[]))")
        .setParameter(1, arrayLiteral(sorted))
        .getSingleResult();
  }

  private Map<String, UUID> known(List<StoryAssigner.Arrival> arrivals) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT item_id, story_id FROM received_item WHERE item_id IN (?1)", Object[].class)
            .setParameter(
                1, arrivals.stream().map(StoryAssigner.Arrival::itemId).distinct().toList())
            .getResultList();
    Map<String, UUID> known = new HashMap<>();
    rows.forEach(r -> known.put((String) r[0], (UUID) r[1]));
    return known;
  }

  private List<StoryAssigner.Stored> byLink(List<StoryAssigner.Arrival> arrivals) {
    List<String> keys =
        arrivals.stream()
            .map(a -> a.fingerprint().linkKey())
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    if (keys.isEmpty()) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT item_id, story_id, fetched_at, link_key FROM received_item"
                    + " WHERE link_key IN (?1) AND fetched_at BETWEEN ?2 AND ?3",
                Object[].class)
            .setParameter(1, keys)
            .setParameter(2, earliest(arrivals).minus(config.storyWindow()))
            .setParameter(3, latest(arrivals).plus(config.storyWindow()))
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new StoryAssigner.Stored(
                    (String) r[0],
                    (UUID) r[1],
                    ArraySql.instant(r[2]),
                    new StoryFingerprint((String) r[3], null, new long[0], new int[0])))
        .toList();
  }

  /**
   * Text candidates of each arrival with a text fingerprint: items of its story window that share a
   * band key with some arrival of the batch (one index scan for the batch) and whose SimHash is
   * within {@link StoryFingerprint#MAX_DISTANCE} bits of the arrival's, the nearest 20, with their
   * fingerprints recomputed from the stored items.
   */
  private Map<Integer, List<StoryAssigner.Stored>> byText(List<StoryAssigner.Arrival> arrivals) {
    List<Integer> queried = new ArrayList<>();
    Set<Integer> bands = new TreeSet<>();
    for (int i = 0; i < arrivals.size(); i++) {
      StoryFingerprint fingerprint = arrivals.get(i).fingerprint();
      if (fingerprint.simHash() != null) {
        queried.add(i);
        Arrays.stream(fingerprint.bands()).forEach(bands::add);
      }
    }
    if (queried.isEmpty()) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                """
                SELECT item_id, story_id, fetched_at, simhash FROM received_item
                WHERE item_id IN (SELECT item_id FROM received_item_band
                                  WHERE band = ANY(CAST(?1 AS integer[])))
                  AND fetched_at BETWEEN ?2 AND ?3
                """,
                Object[].class)
            .setParameter(
                1, bands.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
            .setParameter(2, earliest(arrivals).minus(config.storyWindow()))
            .setParameter(3, latest(arrivals).plus(config.storyWindow()))
            .getResultList();
    Map<Integer, List<Object[]>> near = new HashMap<>();
    Set<String> wanted = new HashSet<>();
    for (int i : queried) {
      StoryAssigner.Arrival arrival = arrivals.get(i);
      long simHash = arrival.fingerprint().simHash();
      // A plain loop: every arrival meets every row (thousands a batch at load-test rates), and
      // a short-circuiting stream pipeline cost ten times the comparison itself.
      List<Object[]> nearest = new ArrayList<>();
      for (Object[] row : rows) {
        if (StoryFingerprint.distance(simHash, (Long) row[3]) <= StoryFingerprint.MAX_DISTANCE) {
          nearest.add(row);
        }
      }
      if (nearest.size() > 1) {
        nearest.sort(
            Comparator.comparingInt((Object[] r) -> StoryFingerprint.distance(simHash, (Long) r[3]))
                .thenComparing(r -> ArraySql.instant(r[2])));
      }
      if (nearest.size() > MAX_TEXT_CANDIDATES) {
        nearest = List.copyOf(nearest.subList(0, MAX_TEXT_CANDIDATES));
      }
      if (!nearest.isEmpty()) {
        near.put(i, nearest);
        nearest.forEach(r -> wanted.add((String) r[0]));
      }
    }
    Map<String, StoryFingerprint> fingerprints = fingerprints(wanted);
    Map<Integer, List<StoryAssigner.Stored>> candidates = new HashMap<>();
    near.forEach(
        (i, nearest) ->
            candidates.put(
                i,
                nearest.stream()
                    .filter(r -> fingerprints.containsKey((String) r[0]))
                    .map(
                        r ->
                            new StoryAssigner.Stored(
                                (String) r[0],
                                (UUID) r[1],
                                ArraySql.instant(r[2]),
                                fingerprints.get((String) r[0])))
                    .toList()));
    return candidates;
  }

  /** Fingerprints of stored items, recomputed from their payloads. */
  private Map<String, StoryFingerprint> fingerprints(Set<String> itemIds) {
    if (itemIds.isEmpty()) {
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT item_id, CAST(payload AS text) FROM received_item WHERE item_id IN (?1)",
                Object[].class)
            .setParameter(1, List.copyOf(itemIds))
            .getResultList();
    Map<String, StoryFingerprint> fingerprints = new HashMap<>();
    for (Object[] row : rows) {
      fingerprints.put(
          (String) row[0],
          StoryFingerprint.of(EventJson.read((String) row[1], ClassifiedItem.class).item()));
    }
    return fingerprints;
  }

  private void insert(
      List<ClassifiedItem> items,
      List<StoryAssigner.Arrival> arrivals,
      List<UUID> stories,
      Set<String> known,
      Instant receivedAt) {
    Map<String, Integer> fresh = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (!known.contains(items.get(i).id())) {
        fresh.putIfAbsent(items.get(i).id(), i);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    int size = fresh.size();
    String[] ids = new String[size];
    String[] storyIds = new String[size];
    String[] linkKeys = new String[size];
    Long[] simHashes = new Long[size];
    String[] bands = new String[size];
    String[] fetched = new String[size];
    String[] feedIds = new String[size];
    String[] sourceNames = new String[size];
    String[] urls = new String[size];
    String[] titles = new String[size];
    String[] published = new String[size];
    String[] payloads = new String[size];
    int n = 0;
    for (int i : fresh.values()) {
      StoryFingerprint fingerprint = arrivals.get(i).fingerprint();
      ids[n] = items.get(i).id();
      storyIds[n] = stories.get(i).toString();
      linkKeys[n] = fingerprint.linkKey();
      simHashes[n] = fingerprint.simHash();
      bands[n] = arrayLiteral(fingerprint.bands());
      RawItem raw = items.get(i).item();
      fetched[n] = raw.fetchedAt().toString();
      feedIds[n] = raw.feedId();
      sourceNames[n] = raw.sourceName();
      urls[n] = raw.url();
      titles[n] = raw.title();
      published[n] = raw.publishedAt() == null ? null : raw.publishedAt().toString();
      payloads[n] = EventJson.writeString(items.get(i));
      n++;
    }
    ArraySql.update(
        entityManager,
        """
        WITH stored AS (
          INSERT INTO received_item (item_id, story_id, link_key, simhash, bands, fetched_at,
                                     received_at, feed_id, source_name, url, title,
                                     published_at, payload)
          SELECT i.item_id, CAST(i.story_id AS uuid), i.link_key, i.simhash,
                 CAST(i.bands AS integer[]), CAST(i.fetched_at AS timestamptz), ?, i.feed_id,
                 i.source_name, i.url, i.title, CAST(i.published_at AS timestamptz),
                 CAST(i.payload AS jsonb)
          FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            AS i(item_id, story_id, link_key, simhash, bands, fetched_at, feed_id, source_name,
                 url, title, published_at, payload)
          ON CONFLICT (item_id) DO NOTHING
          RETURNING item_id, bands)
        INSERT INTO received_item_band (band, item_id)
        SELECT band, stored.item_id FROM stored, unnest(stored.bands) AS band
        ON CONFLICT DO NOTHING
        """,
        receivedAt,
        ids,
        storyIds,
        linkKeys,
        simHashes,
        bands,
        fetched,
        feedIds,
        sourceNames,
        urls,
        titles,
        published,
        payloads);
  }

  private static Instant earliest(List<StoryAssigner.Arrival> arrivals) {
    return arrivals.stream()
        .map(StoryAssigner.Arrival::fetchedAt)
        .min(Instant::compareTo)
        .orElseThrow();
  }

  private static Instant latest(List<StoryAssigner.Arrival> arrivals) {
    return arrivals.stream()
        .map(StoryAssigner.Arrival::fetchedAt)
        .max(Instant::compareTo)
        .orElseThrow();
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
    return ArraySql.query(
            entityManager,
            """
            WITH gone AS (
              DELETE FROM received_item WHERE received_at < ? RETURNING item_id, bands),
            keys AS (
              DELETE FROM received_item_band b
              USING (SELECT item_id, unnest(bands) AS band FROM gone) g
              WHERE b.band = g.band AND b.item_id = g.item_id)
            SELECT count(*) FROM gone
            """,
            row -> row.getInt(1),
            before)
        .get(0);
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
