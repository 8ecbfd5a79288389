package io.newswatch.alert.story;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.newswatch.alert.AlertConfig;
import io.newswatch.alert.db.ArraySql;
import io.newswatch.alert.db.CommitOrder;
import io.newswatch.alert.db.TimeOrderedIds;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.RawItem;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Which story each received item belongs to: the item itself on redelivery, else an item of the
 * story window with the same link key (in PostgreSQL), else one with the same text (near SimHash,
 * shared word pairs; candidates from the text keys in memory), else a new story.
 *
 * <p>Text keys: every instance keeps the band keys of the texts received last in a {@link
 * StoryTextIndex} and, before it looks a batch up, reads what any instance logged since ({@code
 * story_text}, in commit order: positions are taken under {@link CommitOrder} at the end of the
 * storing transaction, so nothing is skipped). The text's words themselves are read from the stored
 * item only for the few candidates whose SimHash is near.
 *
 * <p>Two instances may receive two copies of one story at the same moment (different partitions).
 * Each first takes transaction-scoped advisory locks on its link key and on its text band keys (for
 * a batch, on those of all its items); two copies of one story share at least one of these keys, so
 * the second waits until the first has committed its story, then reads it from the log. Unrelated
 * items rarely share a key (band keys are 32-bit MinHash bands), and then only wait a few
 * milliseconds. Locks are taken in sorted order, and the commit-order lock after all of them: no
 * deadlock. A batch of n items takes up to 25 n locks, which PostgreSQL's lock table must hold
 * ({@code max_locks_per_transaction}, 64 by default, times the connections): the consumer's batches
 * of at most 100 take 2,500, two instances' worth with the defaults (the compose file's PostgreSQL
 * holds more).
 *
 * <p>A batch costs a fixed number of round trips whatever its size: locks, known items, link
 * candidates, the log since the last batch, the candidates' texts, one insert, and at its end one
 * log insert.
 */
@ApplicationScoped
public class StoryRepository {

  /** Nearest stored texts (by SimHash) whose word pairs are compared with an arrival's. */
  private static final int MAX_TEXT_CANDIDATES = 20;

  /** The longest a warning about texts overwritten within their story window stays quiet. */
  private static final Duration WARNING_INTERVAL = Duration.ofHours(1);

  private final EntityManager entityManager;
  private final AlertConfig config;
  private final Clock clock;
  private final StoryTextIndex texts;
  private final Counter overwrittenEarly;
  private volatile Instant lastWarning = Instant.MIN;

  StoryRepository(
      EntityManager entityManager, AlertConfig config, Clock clock, MeterRegistry registry) {
    this.entityManager = entityManager;
    this.config = config;
    this.clock = clock;
    this.texts = new StoryTextIndex(config.storyIndexCapacity());
    Gauge.builder("newswatch.alert.story.index.entries", texts, StoryTextIndex::size)
        .description("Texts whose keys this instance holds in memory for story recognition")
        .register(registry);
    Gauge.builder("newswatch.alert.story.index.oldest", this, StoryRepository::reachSeconds)
        .description("Age of the oldest text held for story recognition (fetch time)")
        .baseUnit("seconds")
        .register(registry);
    this.overwrittenEarly =
        Counter.builder("newswatch.alert.story.index.overwritten.early")
            .description(
                "Texts dropped from memory for newer ones while within two story windows: raise"
                    + " NEWSWATCH_ALERT_STORY_INDEX_CAPACITY")
            .register(registry);
  }

  /**
   * The stories of a batch's items, in order, and the texts to log at the end of its transaction.
   *
   * @param stories the story of each item
   * @param texts the new items' text keys, for {@link #logTexts}
   */
  public record Resolution(List<UUID> stories, List<StoryTextIndex.Entry> texts) {}

  /**
   * A received item with what storing it needs that the database does not: its text keys and the
   * JSON it is kept as. Made before the storing transaction, while the batch before is stored.
   *
   * @param item the item
   * @param fingerprint its link key and text keys
   * @param payload the item as stored: its JSON ({@link EventJson}) as received
   */
  public record Arriving(ClassifiedItem item, StoryFingerprint fingerprint, String payload) {

    /**
     * Computes the item's text keys.
     *
     * @param json the item's JSON as received, which it was read from: stored as it is, not written
     *     again (for an article, writing it took a fifth of the time to prepare the item)
     */
    public static Arriving of(ClassifiedItem item, String json) {
      return new Arriving(item, StoryFingerprint.of(item.item()), json);
    }
  }

  private double reachSeconds() {
    Instant oldest = texts.oldestFetchedAt();
    return oldest == null ? 0 : Duration.between(oldest, Instant.now(clock)).toSeconds();
  }

  /**
   * The story of each item (in order), recording the items; call first in the transaction that
   * stores their alerts, which holds the story locks until it commits, and {@link #logTexts} at its
   * end. Items received before keep their story, so a redelivered batch changes nothing.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Resolution resolve(List<Arriving> items, Instant receivedAt) {
    if (items.isEmpty()) {
      return new Resolution(List.of(), List.of());
    }
    List<StoryAssigner.Arrival> arrivals = new ArrayList<>(items.size());
    for (Arriving arriving : items) {
      arrivals.add(
          new StoryAssigner.Arrival(
              arriving.item().id(), arriving.fingerprint(), arriving.item().item().fetchedAt()));
    }
    lock(arrivals.stream().flatMapToLong(a -> LongStream.of(a.fingerprint().lockKeys())).toArray());
    StoryAssigner.Candidates candidates =
        new StoryAssigner.Candidates(known(arrivals), byLink(arrivals), byText(arrivals));
    List<UUID> stories =
        new StoryAssigner(config.storyWindow(), TimeOrderedIds.system())
            .assign(arrivals, candidates);
    List<Integer> fresh = insert(items, arrivals, stories, candidates.known().keySet(), receivedAt);
    List<StoryTextIndex.Entry> logged = new ArrayList<>();
    for (int i : fresh) {
      StoryFingerprint fingerprint = arrivals.get(i).fingerprint();
      if (fingerprint.simHash() != null) {
        logged.add(
            new StoryTextIndex.Entry(
                0,
                items.get(i).item().id(),
                stories.get(i),
                arrivals.get(i).fetchedAt(),
                fingerprint.simHash(),
                fingerprint.bands()));
      }
    }
    return new Resolution(stories, logged);
  }

  /**
   * Logs the text keys of a resolution's new items for every instance; call last in the
   * transaction, after every other lock: it takes {@link CommitOrder}, held until the commit.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void logTexts(Resolution resolution, Instant receivedAt) {
    List<StoryTextIndex.Entry> entries = resolution.texts();
    if (entries.isEmpty()) {
      return;
    }
    int size = entries.size();
    String[] ids = new String[size];
    String[] storyIds = new String[size];
    String[] fetched = new String[size];
    Long[] simHashes = new Long[size];
    String[] bands = new String[size];
    for (int n = 0; n < size; n++) {
      StoryTextIndex.Entry entry = entries.get(n);
      ids[n] = entry.itemId();
      storyIds[n] = entry.story().toString();
      fetched[n] = entry.fetchedAt().toString();
      simHashes[n] = entry.simHash();
      bands[n] = arrayLiteral(entry.bands());
    }
    CommitOrder.lock(entityManager);
    ArraySql.update(
        entityManager,
        """
        INSERT INTO story_text (position, item_id, story_id, fetched_at, received_at, simhash,
                                bands)
        SELECT nextval('story_text_position'), i.item_id, CAST(i.story_id AS uuid),
               CAST(i.fetched_at AS timestamptz), ?, i.simhash, CAST(i.bands AS integer[])
        FROM unnest(?, ?, ?, ?, ?) AS i(item_id, story_id, fetched_at, simhash, bands)
        """,
        receivedAt,
        ids,
        storyIds,
        fetched,
        simHashes,
        bands);
  }

  /**
   * Reads what any instance logged since the last read into the index; the first read takes the
   * newest texts the index holds. Call after the story locks: a copy that another instance stored
   * meanwhile is then in the log.
   */
  private void catchUp() {
    long after = texts.lastPosition();
    if (after < 0) {
      Number newest =
          (Number)
              entityManager
                  .createNativeQuery("SELECT COALESCE(max(position), 0) FROM story_text")
                  .getSingleResult();
      after = Math.max(0, newest.longValue() - texts.capacity());
    }
    long started = System.nanoTime();
    List<StoryTextIndex.Entry> rows =
        ArraySql.query(
            entityManager,
            "SELECT position, item_id, story_id, fetched_at, simhash, bands FROM story_text"
                + " WHERE position > ? ORDER BY position",
            row -> {
              Integer[] bands = (Integer[]) row.getArray(6).getArray();
              int[] keys = new int[bands.length];
              for (int b = 0; b < keys.length; b++) {
                keys[b] = bands[b];
              }
              return new StoryTextIndex.Entry(
                  row.getLong(1),
                  row.getString(2),
                  row.getObject(3, UUID.class),
                  ArraySql.instant(row.getObject(4)),
                  row.getLong(5),
                  keys);
            },
            after);
    boolean first = texts.lastPosition() < 0;
    Instant now = Instant.now(clock);
    Instant needed = now.minus(config.storyWindow().multipliedBy(2));
    for (StoryTextIndex.Entry row : rows) {
      StoryTextIndex.Entry overwritten = texts.add(row);
      if (overwritten != null && overwritten.fetchedAt().isAfter(needed)) {
        overwrittenEarly.increment();
        if (lastWarning.plus(WARNING_INTERVAL).isBefore(now)) {
          lastWarning = now;
          Log.warnf(
              "story recognition holds the keys of %,d texts, back to %s only: copies of older"
                  + " texts within the story window (%s) are not recognised by text; raise"
                  + " NEWSWATCH_ALERT_STORY_INDEX_CAPACITY",
              texts.capacity(), texts.oldestFetchedAt(), config.storyWindow());
        }
      }
    }
    if (first && !rows.isEmpty()) {
      Log.infof(
          "story recognition: read the keys of %,d texts in %d ms",
          rows.size(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  private void lock(long[] keys) {
    long[] sorted = StoryFingerprint.sortedDistinct(keys);
    if (sorted.length == 0) {
      return;
    }
    entityManager
        .createNativeQuery("SELECT advisory_xact_lock_all(CAST(?1 AS bigint[]))")
        .setParameter(1, arrayLiteral(sorted))
        .getSingleResult();
  }

  private Map<String, UUID> known(List<StoryAssigner.Arrival> arrivals) {
    Map<String, UUID> known = new HashMap<>();
    ArraySql.query(
        entityManager,
        "SELECT item_id, story_id FROM received_item WHERE item_id = ANY (?)",
        row -> known.put(row.getString(1), row.getObject(2, UUID.class)),
        (Object)
            arrivals.stream().map(StoryAssigner.Arrival::itemId).distinct().toArray(String[]::new));
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
    return ArraySql.query(
        entityManager,
        "SELECT item_id, story_id, fetched_at, link_key FROM received_item"
            + " WHERE link_key = ANY (?) AND fetched_at BETWEEN ? AND ?",
        row ->
            new StoryAssigner.Stored(
                row.getString(1),
                row.getObject(2, UUID.class),
                ArraySql.instant(row.getObject(3)),
                new StoryFingerprint(row.getString(4), null, new long[0], new int[0])),
        keys.toArray(String[]::new),
        earliest(arrivals).minus(config.storyWindow()),
        latest(arrivals).plus(config.storyWindow()));
  }

  /**
   * Text candidates of each arrival with a text fingerprint: items of its story window that share a
   * band key with it and whose SimHash is within {@link StoryFingerprint#MAX_DISTANCE} bits of its
   * own, the nearest 20, with their fingerprints recomputed from the stored items.
   */
  private Map<Integer, List<StoryAssigner.Stored>> byText(List<StoryAssigner.Arrival> arrivals) {
    if (arrivals.stream().allMatch(a -> a.fingerprint().simHash() == null)) {
      return Map.of();
    }
    catchUp();
    Map<Integer, List<StoryTextIndex.Entry>> near = new HashMap<>();
    Set<String> wanted = new HashSet<>();
    for (int i = 0; i < arrivals.size(); i++) {
      StoryAssigner.Arrival arrival = arrivals.get(i);
      StoryFingerprint fingerprint = arrival.fingerprint();
      if (fingerprint.simHash() == null) {
        continue;
      }
      List<StoryTextIndex.Entry> nearest =
          texts.near(
              fingerprint.bands(),
              fingerprint.simHash(),
              arrival.fetchedAt().minus(config.storyWindow()),
              arrival.fetchedAt().plus(config.storyWindow()),
              StoryFingerprint.MAX_DISTANCE,
              MAX_TEXT_CANDIDATES);
      if (!nearest.isEmpty()) {
        near.put(i, nearest);
        nearest.forEach(e -> wanted.add(e.itemId()));
      }
    }
    Map<String, StoryFingerprint> fingerprints = fingerprints(wanted);
    Map<Integer, List<StoryAssigner.Stored>> candidates = new HashMap<>();
    near.forEach(
        (i, nearest) ->
            candidates.put(
                i,
                nearest.stream()
                    .filter(e -> fingerprints.containsKey(e.itemId()))
                    .map(
                        e ->
                            new StoryAssigner.Stored(
                                e.itemId(), e.story(), e.fetchedAt(), fingerprints.get(e.itemId())))
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
                "SELECT item_id, payload FROM received_item WHERE item_id IN (?1)", Object[].class)
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

  /** Stores the items not received before; returns their positions in the batch. */
  private List<Integer> insert(
      List<Arriving> items,
      List<StoryAssigner.Arrival> arrivals,
      List<UUID> stories,
      Set<String> known,
      Instant receivedAt) {
    Map<String, Integer> fresh = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String id = items.get(i).item().id();
      if (!known.contains(id)) {
        fresh.putIfAbsent(id, i);
      }
    }
    if (fresh.isEmpty()) {
      return List.of();
    }
    int size = fresh.size();
    String[] ids = new String[size];
    String[] storyIds = new String[size];
    String[] linkKeys = new String[size];
    String[] fetched = new String[size];
    String[] feedIds = new String[size];
    String[] sourceNames = new String[size];
    String[] urls = new String[size];
    String[] titles = new String[size];
    String[] published = new String[size];
    String[] payloads = new String[size];
    int n = 0;
    for (int i : fresh.values()) {
      ids[n] = items.get(i).item().id();
      storyIds[n] = stories.get(i).toString();
      linkKeys[n] = arrivals.get(i).fingerprint().linkKey();
      RawItem raw = items.get(i).item().item();
      fetched[n] = raw.fetchedAt().toString();
      feedIds[n] = raw.feedId();
      sourceNames[n] = raw.sourceName();
      urls[n] = raw.url();
      titles[n] = raw.title();
      published[n] = raw.publishedAt() == null ? null : raw.publishedAt().toString();
      payloads[n] = items.get(i).payload();
      n++;
    }
    ArraySql.update(
        entityManager,
        """
        INSERT INTO received_item (item_id, story_id, link_key, fetched_at, received_at, feed_id,
                                   source_name, url, title, published_at, payload)
        SELECT i.item_id, CAST(i.story_id AS uuid), i.link_key, CAST(i.fetched_at AS timestamptz),
               ?, i.feed_id, i.source_name, i.url, i.title, CAST(i.published_at AS timestamptz),
               i.payload
        FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          AS i(item_id, story_id, link_key, fetched_at, feed_id, source_name, url, title,
               published_at, payload)
        ON CONFLICT (item_id) DO NOTHING
        """,
        receivedAt,
        ids,
        storyIds,
        linkKeys,
        fetched,
        feedIds,
        sourceNames,
        urls,
        titles,
        published,
        payloads);
    return List.copyOf(fresh.values());
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
                "SELECT payload FROM received_item"
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
            WITH gone AS (DELETE FROM received_item WHERE received_at < ? RETURNING item_id),
            texts AS (DELETE FROM story_text WHERE received_at < ?)
            SELECT count(*) FROM gone
            """,
            row -> row.getInt(1),
            before,
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
