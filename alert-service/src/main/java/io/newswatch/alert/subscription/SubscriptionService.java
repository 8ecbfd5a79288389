package io.newswatch.alert.subscription;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.newswatch.alert.AlertConfig;
import io.newswatch.alert.audit.AuditLog;
import io.newswatch.alert.matching.MatchingTaxonomy;
import io.newswatch.alert.query.QuerySyntaxException;
import io.newswatch.common.web.Page;
import io.newswatch.common.web.Problem.FieldError;
import io.newswatch.common.web.ProblemException;
import io.newswatch.security.CurrentUser;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Subscriptions of the caller (all of them for admins): create, read, update, delete, each change
 * audited. Every change is ordered under one lock and logged by the database (see {@link
 * SubscriptionMatcher}), so that every instance's index follows it.
 */
@ApplicationScoped
@Transactional
public class SubscriptionService {

  private static final String ENTITY = "subscription";

  private final SubscriptionRepository subscriptions;
  private final AuditLog audit;
  private final AlertConfig config;
  private final Clock clock;
  private final MatchingTaxonomy taxonomy;
  private final EntityManager entityManager;
  private final Event<SubscriptionsChanged> changed;

  SubscriptionService(
      SubscriptionRepository subscriptions,
      AuditLog audit,
      AlertConfig config,
      Clock clock,
      MatchingTaxonomy taxonomy,
      EntityManager entityManager,
      Event<SubscriptionsChanged> changed) {
    this.subscriptions = subscriptions;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
    this.taxonomy = taxonomy;
    this.entityManager = entityManager;
    this.changed = changed;
  }

  /** Stores a subscription of the caller; 400 with the position when the query does not parse. */
  public SubscriptionView create(SubscriptionRequest request, CurrentUser caller) {
    check(request);
    UUID owner = UUID.fromString(caller.id());
    SubscriptionsChanged.lock(entityManager);
    if (subscriptions.countByOwner(owner) >= config.maxSubscriptionsPerUser()) {
      throw new ProblemException(
          409, "at most " + config.maxSubscriptionsPerUser() + " subscriptions per user");
    }
    Subscription subscription = new Subscription();
    subscription.id = UUID.randomUUID();
    subscription.ownerId = owner;
    subscription.createdAt = Instant.now(clock);
    apply(request, subscription);
    subscriptions.persist(subscription);
    SubscriptionView view = SubscriptionView.of(subscription);
    audit.created(caller.username(), ENTITY, subscription.id.toString(), view);
    changed.fire(new SubscriptionsChanged());
    return view;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public SubscriptionView get(UUID id, CurrentUser caller) {
    return SubscriptionView.of(visible(id, caller));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<SubscriptionView> list(CurrentUser caller, int page, int size) {
    Sort order = Sort.by("createdAt").and("id");
    var query =
        caller.isAdmin()
            ? subscriptions.findAll(order)
            : subscriptions.find(
                "ownerId = :owner", order, Parameters.with("owner", UUID.fromString(caller.id())));
    return new Page<>(
        query.page(page, size).list().stream().map(SubscriptionView::of).toList(),
        query.count(),
        page,
        size);
  }

  /** Replaces what the caller may set. */
  public SubscriptionView update(UUID id, SubscriptionRequest request, CurrentUser caller) {
    check(request);
    SubscriptionsChanged.lock(entityManager);
    Subscription subscription = visible(id, caller);
    SubscriptionView before = SubscriptionView.of(subscription);
    apply(request, subscription);
    SubscriptionView after = SubscriptionView.of(subscription);
    audit.updated(caller.username(), ENTITY, id.toString(), before, after);
    changed.fire(new SubscriptionsChanged());
    return after;
  }

  public void delete(UUID id, CurrentUser caller) {
    SubscriptionsChanged.lock(entityManager);
    Subscription subscription = visible(id, caller);
    SubscriptionView before = SubscriptionView.of(subscription);
    subscriptions.delete(subscription);
    audit.deleted(caller.username(), ENTITY, id.toString(), before);
    changed.fire(new SubscriptionsChanged());
  }

  /** A subscription the caller may see: their own, or any for an admin; 404 otherwise. */
  private Subscription visible(UUID id, CurrentUser caller) {
    return subscriptions
        .findByIdOptional(id)
        .filter(s -> caller.isAdmin() || s.ownerId.toString().equals(caller.id()))
        .orElseThrow(() -> ProblemException.notFound("subscription " + id));
  }

  private void apply(SubscriptionRequest request, Subscription subscription) {
    subscription.name = request.name().strip();
    subscription.query = request.query().strip();
    subscription.minSeverity = request.minSeverityOrDefault();
    subscription.enabled = request.enabledOrDefault();
    subscription.channels = JsonNodeFactory.instance.arrayNode().addAll(request.channelsOrEmpty());
    subscription.updatedAt = Instant.now(clock);
  }

  private void check(SubscriptionRequest request) {
    try {
      taxonomy.resolver().resolve(request.query());
    } catch (QuerySyntaxException e) {
      throw queryProblem(e);
    }
    List<FieldError> channelProblems = Channels.problems(request.channelsOrEmpty());
    if (!channelProblems.isEmpty()) {
      throw new ProblemException(400, "invalid " + channelProblems.get(0).field(), channelProblems);
    }
  }

  /** 400 naming the query field, the position and what was expected there. */
  static ProblemException queryProblem(QuerySyntaxException e) {
    return ProblemException.badField(
        "query", "syntax error at position " + e.position() + ": expected " + e.expected());
  }
}
