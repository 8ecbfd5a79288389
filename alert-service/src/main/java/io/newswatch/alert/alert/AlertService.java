package io.newswatch.alert.alert;

import io.newswatch.alert.subscription.SubscriptionService;
import io.newswatch.common.web.Page;
import io.newswatch.common.web.ProblemException;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.MatchedTerm;
import io.newswatch.security.CurrentUser;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Matching classified items against subscriptions and storing the alerts; reading alerts. */
@ApplicationScoped
@Transactional
public class AlertService {

  private final SubscriptionService subscriptions;
  private final AlertRepository alerts;
  private final Clock clock;

  AlertService(SubscriptionService subscriptions, AlertRepository alerts, Clock clock) {
    this.subscriptions = subscriptions;
    this.alerts = alerts;
    this.clock = clock;
  }

  /**
   * Stores one alert per matching subscription, in one transaction; alerts that exist already are
   * left alone.
   *
   * @return how many new alerts were stored
   */
  public int process(ClassifiedItem item) {
    int created = 0;
    Instant now = Instant.now(clock);
    for (SubscriptionService.Compiled subscription : subscriptions.compiled()) {
      if (!item.severity().atLeast(subscription.minSeverity())) {
        continue;
      }
      List<MatchedTerm> matches = subscription.query().match(item);
      if (!matches.isEmpty()
          && alerts.insertIfAbsent(subscription.id(), subscription.ownerId(), item, matches, now)) {
        created++;
        Log.infof(
            "alert: subscription %s (%s) matched item %s \"%s\"",
            subscription.id(), subscription.name(), item.id(), item.item().title());
      }
    }
    return created;
  }

  /** An alert the caller may see (their own, or any for an admin); 404 otherwise. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public AlertView get(UUID id, CurrentUser caller) {
    return alerts
        .findByIdOptional(id)
        .filter(alert -> caller.isAdmin() || alert.ownerId.toString().equals(caller.id()))
        .map(AlertView::of)
        .orElseThrow(() -> ProblemException.notFound("alert " + id));
  }

  /** The caller's alerts (every alert for an admin), newest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<AlertView> list(CurrentUser caller, UUID subscriptionId, int page, int size) {
    Sort newestFirst = Sort.descending("createdAt").and("id");
    List<String> conditions = new ArrayList<>();
    Parameters parameters = new Parameters();
    if (!caller.isAdmin()) {
      conditions.add("ownerId = :owner");
      parameters.and("owner", UUID.fromString(caller.id()));
    }
    if (subscriptionId != null) {
      conditions.add("subscriptionId = :subscription");
      parameters.and("subscription", subscriptionId);
    }
    var query =
        conditions.isEmpty()
            ? alerts.findAll(newestFirst)
            : alerts.find(String.join(" and ", conditions), newestFirst, parameters);
    return new Page<>(
        query.page(page, size).list().stream().map(AlertView::of).toList(),
        query.count(),
        page,
        size);
  }
}
