package io.newswatch.alert.subscription;

import io.micrometer.core.instrument.MeterRegistry;
import io.newswatch.alert.matching.MatchingTaxonomy;
import io.newswatch.alert.matching.SubscriptionIndex;
import io.newswatch.alert.query.QuerySyntaxException;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.Severity;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The enabled subscriptions of all users compiled into one {@link SubscriptionIndex}, kept current
 * on every instance by following the {@code subscription_change} log: every 500 ms (by default) and
 * at once after a change made here. Only the changed subscriptions are recompiled.
 */
@ApplicationScoped
public class SubscriptionMatcher {

  /** How long the change log keeps entries; an instance further behind reloads everything. */
  private static final Duration CHANGE_RETENTION = Duration.ofDays(1);

  private static final int CHANGES_PER_ROUND = 5000;

  private final EntityManager entityManager;
  private final MatchingTaxonomy taxonomy;
  private volatile SubscriptionIndex<UUID> index;
  private long revision; // guarded by this
  private Instant lastPrune = Instant.EPOCH; // guarded by this

  SubscriptionMatcher(
      EntityManager entityManager, MatchingTaxonomy taxonomy, MeterRegistry registry) {
    this.entityManager = entityManager;
    this.taxonomy = taxonomy;
    registry.gauge(
        "newswatch.alert.index.subscriptions",
        this,
        matcher -> matcher.index == null ? 0 : matcher.index.size());
  }

  void onStart(@Observes StartupEvent event) {
    refresh();
  }

  @Scheduled(
      identity = "subscription-index-refresh",
      every = "${newswatch.alert.index-refresh-interval:0.5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // Not once shutdown began: the database goes away with the application.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    try {
      refresh();
    } catch (RuntimeException e) {
      Log.warnf("refreshing the subscription index failed, retrying: %s", e.getMessage());
    }
  }

  void onLocalChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubscriptionsChanged e) {
    try {
      refresh();
    } catch (RuntimeException failure) {
      Log.warnf("refreshing the subscription index failed: %s", failure.getMessage());
    }
  }

  /** The subscriptions matching an item, with what matched; loads the index on first use. */
  public List<SubscriptionIndex.Match<UUID>> match(ClassifiedItem item) {
    SubscriptionIndex<UUID> current = index;
    if (current == null) {
      refresh();
      current = index;
    }
    return current.match(item);
  }

  /** True once the index holds the subscriptions. */
  public boolean isLoaded() {
    return index != null;
  }

  /** Subscriptions in the index. */
  public int size() {
    SubscriptionIndex<UUID> current = index;
    return current == null ? 0 : current.size();
  }

  /** The last change applied. */
  public synchronized long revision() {
    return revision;
  }

  /** Applies the changes made since the last refresh (all subscriptions the first time). */
  public synchronized void refresh() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              if (index == null || revision < oldestKeptRevision() - 1) {
                reload();
              } else {
                applyChanges();
              }
              prune();
            });
  }

  private void reload() {
    long latest = latestRevision();
    SubscriptionIndex<UUID> fresh = new SubscriptionIndex<>(taxonomy.resolver());
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT id, query, min_severity FROM subscription WHERE enabled", Object[].class)
            .getResultList();
    for (Object[] row : rows) {
      put(fresh, (UUID) row[0], (String) row[1], (String) row[2]);
    }
    index = fresh;
    revision = latest;
    Log.infof("subscription index loaded: %d subscriptions, revision %d", rows.size(), latest);
  }

  private void applyChanges() {
    @SuppressWarnings("unchecked")
    List<Object[]> changes =
        entityManager
            .createNativeQuery(
                "SELECT revision, subscription_id FROM subscription_change WHERE revision > ?1"
                    + " ORDER BY revision LIMIT "
                    + CHANGES_PER_ROUND,
                Object[].class)
            .setParameter(1, revision)
            .getResultList();
    if (changes.isEmpty()) {
      return;
    }
    Set<UUID> changed = new LinkedHashSet<>();
    for (Object[] change : changes) {
      changed.add((UUID) change[1]);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT id, query, min_severity, enabled FROM subscription WHERE id IN (?1)",
                Object[].class)
            .setParameter(1, new ArrayList<>(changed))
            .getResultList();
    Set<UUID> gone = new LinkedHashSet<>(changed);
    for (Object[] row : rows) {
      UUID id = (UUID) row[0];
      gone.remove(id);
      if (Boolean.TRUE.equals(row[3])) {
        put(index, id, (String) row[1], (String) row[2]);
      } else {
        index.remove(id);
      }
    }
    gone.forEach(index::remove);
    revision = ((Number) changes.get(changes.size() - 1)[0]).longValue();
    Log.debugf("subscription index: %d changed, now at revision %d", changed.size(), revision);
  }

  private void put(SubscriptionIndex<UUID> target, UUID id, String query, String minSeverity) {
    try {
      target.put(id, query, Severity.valueOf(minSeverity));
    } catch (QuerySyntaxException e) {
      // Stored under another taxonomy: it matches nothing until its owner fixes it.
      target.remove(id);
      Log.warnf(
          "subscription %s is not matched: its query no longer resolves: %s", id, e.getMessage());
    }
  }

  private long latestRevision() {
    return ((Number)
            entityManager
                .createNativeQuery("SELECT COALESCE(MAX(revision), 0) FROM subscription_change")
                .getSingleResult())
        .longValue();
  }

  private long oldestKeptRevision() {
    Object oldest =
        entityManager
            .createNativeQuery("SELECT MIN(revision) FROM subscription_change")
            .getSingleResult();
    return oldest == null ? 0 : ((Number) oldest).longValue();
  }

  private void prune() {
    Instant now = Instant.now();
    if (Duration.between(lastPrune, now).toMinutes() < 60) {
      return;
    }
    lastPrune = now;
    entityManager
        .createNativeQuery("DELETE FROM subscription_change WHERE changed_at < ?1")
        .setParameter(1, now.minus(CHANGE_RETENTION))
        .executeUpdate();
  }
}
