package io.newswatch.alert.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newswatch.alert.audit.AuditLog;
import io.newswatch.alert.delivery.AlertMessage;
import io.newswatch.alert.delivery.Deliveries;
import io.newswatch.alert.delivery.DeliveryView;
import io.newswatch.alert.matching.SubscriptionIndex;
import io.newswatch.alert.story.StoryRepository;
import io.newswatch.alert.subscription.SubscriptionMatcher;
import io.newswatch.common.web.Page;
import io.newswatch.common.web.ProblemException;
import io.newswatch.events.AlertEvent;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.ItemRef;
import io.newswatch.events.RawItem;
import io.newswatch.events.Tag;
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
import java.util.LinkedHashSet;
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
      Deliveries deliveries,
      AlertStreamLog streamLog,
      AuditLog audit,
      Clock clock,
      MeterRegistry registry) {
    this.matcher = matcher;
    this.stories = stories;
    this.alerts = alerts;
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
   * Makes an item ready for {@link #process}, outside any transaction and without the database
   * (unless the subscription index is not loaded yet): matches it against every subscription,
   * computes its story keys and writes its matches and tags as JSON.
   *
   * @param item the item
   * @param json the JSON it was read from, stored as the received item
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public PreparedItem prepare(ClassifiedItem item, String json) {
    List<SubscriptionIndex.Match<UUID>> found = matching.record(() -> matcher.match(item));
    List<PreparedItem.Matched> matches = new ArrayList<>(found.size());
    for (SubscriptionIndex.Match<UUID> match : found) {
      matches.add(
          new PreparedItem.Matched(
              match.key(), match.terms(), EventJson.writeString(match.terms())));
    }
    return new PreparedItem(
        StoryRepository.Arriving.of(item, json),
        matches,
        matches.isEmpty() ? null : EventJson.writeString(item.tags()));
  }

  /**
   * In one transaction, for a batch of prepared items and in a fixed number of statements (plus the
   * deliveries of subscriptions with channels): resolves the items' stories (taking the story
   * locks, waiting for a copy another instance is storing), stores a new alert for each matching
   * subscription that has none for the story (appended to the alert stream, from which its event is
   * published), and adds each item (and, to new alerts, the story's earlier copies) as a source to
   * every alert of its story. Of two items of one story in a batch, the first makes the alert and
   * the second becomes a source. Running it again for the same items changes nothing.
   *
   * @return how many new alerts were stored
   */
  public int process(List<PreparedItem> items) {
    // in the database's precision, so that the events built here are the ones read back
    Instant now = AlertRepository.storedTime(Instant.now(clock));
    StoryRepository.Resolution resolution =
        this.stories.resolve(items.stream().map(PreparedItem::arriving).toList(), now);
    List<UUID> stories = resolution.stories();
    List<AlertRepository.Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      for (PreparedItem.Matched match : items.get(i).matches()) {
        candidates.add(new AlertRepository.Candidate(stories.get(i), items.get(i), match));
      }
    }
    List<AlertRepository.Created> stored = alerts.insertIfAbsent(candidates, now);
    List<AlertMessage> messages = new ArrayList<>(stored.size());
    List<AlertStreamLog.Appending> appending = new ArrayList<>(stored.size());
    for (AlertRepository.Created alert : stored) {
      AlertRepository.Candidate candidate = alert.candidate();
      ClassifiedItem item = candidate.item();
      if (alert.delivers()) {
        messages.add(message(alert, now));
      }
      appending.add(new AlertStreamLog.Appending(event(alert, now), alert.ownerId()));
      Log.debugf(
          "alert %s: subscription %s (%s) of %s matched item %s \"%s\" [%s]: %s",
          alert.id(),
          candidate.subscriptionId(),
          alert.subscriptionName(),
          alert.owner(),
          item.id(),
          item.item().title(),
          item.severity().name().toLowerCase(java.util.Locale.ROOT),
          candidate.matches());
    }
    deliveries.plan(messages, now);
    created.increment(stored.size());
    int attached = alerts.attachSources(new LinkedHashSet<>(stories), now);
    if (attached > 0) {
      Log.debugf("%d items: %d sources added to alerts", items.size(), attached);
    }
    // last: both take the commit-order lock, held until the commit
    this.stories.logTexts(resolution, now);
    streamLog.append(appending);
    if (!stored.isEmpty()) {
      Log.infof(
          "%d new alerts for %d items (%s)",
          stored.size(),
          items.size(),
          stored.stream()
                  .limit(5)
                  .map(
                      a ->
                          a.owner()
                              + "/"
                              + a.subscriptionName()
                              + ": "
                              + a.candidate().item().item().title())
                  .collect(java.util.stream.Collectors.joining("; "))
              + (stored.size() > 5 ? "; ..." : ""));
    }
    return stored.size();
  }

  /** The alert's event as the relay would read it back from the stored rows. */
  private static AlertEvent event(AlertRepository.Created alert, Instant now) {
    AlertRepository.Candidate candidate = alert.candidate();
    ClassifiedItem item = candidate.item();
    RawItem raw = item.item();
    return AlertEvent.of(
        alert.id().toString(),
        candidate.subscriptionId().toString(),
        alert.subscriptionName(),
        alert.owner(),
        new ItemRef(
            raw.id(),
            raw.feedId(),
            raw.sourceName(),
            raw.url(),
            raw.title(),
            AlertRepository.storedTime(raw.publishedAt())),
        item.severity(),
        candidate.matches(),
        item.tags(),
        now);
  }

  private static AlertMessage message(AlertRepository.Created alert, Instant now) {
    AlertRepository.Candidate candidate = alert.candidate();
    ClassifiedItem item = candidate.item();
    RawItem raw = item.item();
    return new AlertMessage(
        alert.id().toString(),
        candidate.subscriptionId().toString(),
        alert.subscriptionName(),
        alert.owner(),
        item.severity(),
        raw.title(),
        raw.url(),
        raw.sourceName(),
        raw.publishedAt(),
        AlertMessage.excerpt(raw.summary()),
        candidate.matches(),
        item.tags().stream().map(AlertMessage.TagRef::of).toList(),
        now);
  }

  /** An alert the caller may see (their own, or any for an admin); 404 otherwise. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AlertView get(UUID id, CurrentUser caller) {
    Alert alert = visible(id, caller, false);
    return views(List.of(alert), deliveries.ofAlert(alert.id)).get(0);
  }

  /** The alerts with these ids as lists show them, in the order given; for the live stream. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<AlertView> views(List<UUID> ids) {
    Map<UUID, Alert> found = new java.util.HashMap<>();
    alerts.list("id in ?1", ids).forEach(a -> found.put(a.id, a));
    return views(ids.stream().filter(found::containsKey).map(found::get).toList(), null);
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
    return new Page<>(views(query.page(page, size).list(), null), query.count(), page, size);
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
    return views(List.of(alert), null).get(0);
  }

  /** Views of alerts, with their items' tags and their sources read in one query each. */
  private List<AlertView> views(List<Alert> found, List<DeliveryView> deliveries) {
    Map<String, List<Tag>> tags = alerts.tags(found.stream().map(a -> a.itemId).toList());
    Map<UUID, List<SourceView>> sources = alerts.sources(found.stream().map(a -> a.id).toList());
    return found.stream()
        .map(
            a ->
                AlertView.of(
                    a,
                    tags.getOrDefault(a.itemId, List.of()),
                    sources.getOrDefault(a.id, List.of()),
                    deliveries))
        .toList();
  }
}
