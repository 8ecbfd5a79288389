package io.newswatch.alert.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newswatch.alert.audit.AuditLog;
import io.newswatch.alert.delivery.AlertMessage;
import io.newswatch.alert.delivery.Deliveries;
import io.newswatch.alert.matching.SubscriptionIndex;
import io.newswatch.alert.outbox.KafkaChannel;
import io.newswatch.alert.outbox.Outbox;
import io.newswatch.alert.story.StoryRepository;
import io.newswatch.alert.subscription.SubscriptionMatcher;
import io.newswatch.common.web.Page;
import io.newswatch.common.web.ProblemException;
import io.newswatch.events.AlertEvent;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.ItemRef;
import io.newswatch.events.RawItem;
import io.newswatch.events.Topics;
import io.newswatch.security.CurrentUser;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Storing alerts for classified items, one per subscription and story; reading them; moving them
 * from new to acknowledged to resolved.
 */
@ApplicationScoped
@Transactional
public class AlertService {

  private final SubscriptionMatcher matcher;
  private final StoryRepository stories;
  private final AlertRepository alerts;
  private final Outbox outbox;
  private final Deliveries deliveries;
  private final AlertStreamLog streamLog;
  private final AuditLog audit;
  private final Clock clock;
  private final Timer matching;
  private final Counter created;

  AlertService(
      SubscriptionMatcher matcher,
      StoryRepository stories,
      AlertRepository alerts,
      Outbox outbox,
      Deliveries deliveries,
      AlertStreamLog streamLog,
      AuditLog audit,
      Clock clock,
      MeterRegistry registry) {
    this.matcher = matcher;
    this.stories = stories;
    this.alerts = alerts;
    this.outbox = outbox;
    this.deliveries = deliveries;
    this.streamLog = streamLog;
    this.audit = audit;
    this.clock = clock;
    this.matching =
        Timer.builder("newswatch.alert.match.duration")
            .description("Time to match one item against every subscription")
            .register(registry);
    this.created =
        Counter.builder("newswatch.alert.alerts.created")
            .description("Alerts created")
            .register(registry);
  }

  /**
   * In one transaction: finds the item's story (waiting for a copy another instance is storing),
   * stores a new alert for each matching subscription that has none for the story, with its event
   * in the outbox, and adds the item (and, to new alerts, the story's earlier copies) as a source
   * to every alert of the story. Running it again for the same item changes nothing.
   *
   * @return how many new alerts were stored
   */
  public int process(ClassifiedItem item) {
    Instant now = Instant.now(clock);
    UUID story = stories.resolve(item, now);
    List<SubscriptionIndex.Match<UUID>> matches =
        new ArrayList<>(matching.record(() -> matcher.match(item)));
    // One order for every instance, so that two transactions lock rate-limit windows alike.
    matches.sort(Comparator.comparing(SubscriptionIndex.Match::key));
    List<UUID> stored = new ArrayList<>();
    int count = 0;
    for (SubscriptionIndex.Match<UUID> match : matches) {
      Optional<AlertRepository.Created> inserted =
          alerts.insertIfAbsent(match.key(), story, item, match.terms(), now);
      if (inserted.isEmpty()) {
        continue;
      }
      AlertRepository.Created alert = inserted.get();
      stored.add(alert.id());
      AlertEvent event =
          AlertEvent.of(
              alert.id().toString(),
              match.key().toString(),
              alert.subscriptionName(),
              alert.owner(),
              ItemRef.of(item.item()),
              item.severity(),
              match.terms(),
              item.tags(),
              now);
      outbox.add(
          KafkaChannel.NAME,
          Topics.ALERTS,
          event.alertId(),
          EventJson.writeString(event),
          alert.id(),
          now);
      deliveries.plan(match.key(), message(alert, match, item, now), now);
      count++;
      created.increment();
      Log.infof(
          "alert %s: subscription %s (%s) of %s matched item %s \"%s\" [%s]",
          alert.id(),
          match.key(),
          alert.subscriptionName(),
          alert.owner(),
          item.id(),
          item.item().title(),
          item.severity().name().toLowerCase(java.util.Locale.ROOT));
      Log.debugf("alert %s matched %s", alert.id(), match.terms());
    }
    int attached = alerts.attachSources(story, now);
    if (attached > count) {
      Log.debugf("item %s: %d sources added to alerts of story %s", item.id(), attached, story);
    }
    streamLog.append(stored); // last: it holds the stream's lock until the commit
    return count;
  }

  private static AlertMessage message(
      AlertRepository.Created alert,
      SubscriptionIndex.Match<UUID> match,
      ClassifiedItem item,
      Instant now) {
    RawItem raw = item.item();
    return new AlertMessage(
        alert.id().toString(),
        match.key().toString(),
        alert.subscriptionName(),
        alert.owner(),
        item.severity(),
        raw.title(),
        raw.url(),
        raw.sourceName(),
        raw.publishedAt(),
        AlertMessage.excerpt(raw.summary()),
        match.terms(),
        item.tags().stream().map(AlertMessage.TagRef::of).toList(),
        now);
  }

  /** An alert the caller may see (their own, or any for an admin); 404 otherwise. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AlertView get(UUID id, CurrentUser caller) {
    Alert alert = visible(id, caller, false);
    return AlertView.of(
        alert,
        alerts.sources(List.of(alert.id)).getOrDefault(alert.id, List.of()),
        deliveries.ofAlert(alert.id));
  }

  /** The alerts with these ids as lists show them, in the order given; for the live stream. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<AlertView> views(List<UUID> ids) {
    Map<UUID, Alert> found = new java.util.HashMap<>();
    alerts.list("id in ?1", ids).forEach(a -> found.put(a.id, a));
    Map<UUID, List<SourceView>> sources = alerts.sources(ids);
    return ids.stream()
        .filter(found::containsKey)
        .map(id -> AlertView.of(found.get(id), sources.getOrDefault(id, List.of())))
        .toList();
  }

  /** The caller's alerts (every alert for an admin), newest first, filtered. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<AlertView> list(CurrentUser caller, AlertFilter filter, int page, int size) {
    Sort newestFirst = Sort.descending("createdAt").and("id");
    List<String> conditions = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (!caller.isAdmin()) {
      conditions.add("ownerId = :owner");
      parameters.and("owner", UUID.fromString(caller.id()));
    }
    filter.apply(conditions, parameters);
    var query =
        conditions.isEmpty()
            ? alerts.findAll(newestFirst)
            : alerts.find(String.join(" and ", conditions), newestFirst, parameters);
    List<Alert> found = query.page(page, size).list();
    Map<UUID, List<SourceView>> sources = alerts.sources(found.stream().map(a -> a.id).toList());
    return new Page<>(
        found.stream().map(a -> AlertView.of(a, sources.getOrDefault(a.id, List.of()))).toList(),
        query.count(),
        page,
        size);
  }

  /** new → acknowledged; an acknowledged alert stays as it is; a resolved one is a conflict. */
  public AlertView acknowledge(UUID id, CurrentUser caller) {
    Alert alert = visible(id, caller, true);
    if (alert.status == AlertStatus.RESOLVED) {
      throw new ProblemException(409, "alert " + id + " is resolved");
    }
    if (alert.status == AlertStatus.NEW) {
      AlertStatus before = alert.status;
      alert.status = AlertStatus.ACKNOWLEDGED;
      alert.acknowledgedBy = caller.username();
      alert.acknowledgedAt = Instant.now(clock);
      audited(alert, before, caller);
    }
    return view(alert);
  }

  /** new or acknowledged → resolved (acknowledging it too); a resolved alert stays as it is. */
  public AlertView resolve(UUID id, CurrentUser caller) {
    Alert alert = visible(id, caller, true);
    if (alert.status != AlertStatus.RESOLVED) {
      AlertStatus before = alert.status;
      Instant now = Instant.now(clock);
      if (alert.acknowledgedBy == null) {
        alert.acknowledgedBy = caller.username();
        alert.acknowledgedAt = now;
      }
      alert.status = AlertStatus.RESOLVED;
      alert.resolvedBy = caller.username();
      alert.resolvedAt = now;
      audited(alert, before, caller);
    }
    return view(alert);
  }

  private void audited(Alert alert, AlertStatus before, CurrentUser caller) {
    audit.updated(
        caller.username(),
        "alert",
        alert.id.toString(),
        Map.of("status", before),
        Map.of("status", alert.status));
  }

  private Alert visible(UUID id, CurrentUser caller, boolean forUpdate) {
    Optional<Alert> alert =
        forUpdate
            ? alerts.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
            : alerts.findByIdOptional(id);
    return alert
        .filter(a -> caller.isAdmin() || a.ownerId.toString().equals(caller.id()))
        .orElseThrow(() -> ProblemException.notFound("alert " + id));
  }

  private AlertView view(Alert alert) {
    return AlertView.of(alert, alerts.sources(List.of(alert.id)).getOrDefault(alert.id, List.of()));
  }
}
