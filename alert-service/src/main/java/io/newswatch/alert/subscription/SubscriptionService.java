package io.newswatch.alert.subscription;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.newswatch.alert.AlertConfig;
import io.newswatch.alert.audit.AuditLog;
import io.newswatch.alert.matching.KeywordQuery;
import io.newswatch.alert.matching.QuerySyntaxException;
import io.newswatch.common.web.Page;
import io.newswatch.common.web.Problem.FieldError;
import io.newswatch.common.web.ProblemException;
import io.newswatch.events.Severity;
import io.newswatch.security.CurrentUser;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Subscriptions of the caller (all of them for admins): create, read, update, delete, each change
 * audited; and the compiled form the matcher uses.
 */
@ApplicationScoped
@Transactional
public class SubscriptionService {

  private static final String ENTITY = "subscription";

  private final SubscriptionRepository subscriptions;
  private final AuditLog audit;
  private final AlertConfig config;
  private final Clock clock;

  SubscriptionService(
      SubscriptionRepository subscriptions, AuditLog audit, AlertConfig config, Clock clock) {
    this.subscriptions = subscriptions;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  /** Stores a subscription of the caller; 400 with the position when the query does not parse. */
  public SubscriptionView create(SubscriptionRequest request, CurrentUser caller) {
    check(request);
    UUID owner = UUID.fromString(caller.id());
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
    Subscription subscription = visible(id, caller);
    SubscriptionView before = SubscriptionView.of(subscription);
    apply(request, subscription);
    SubscriptionView after = SubscriptionView.of(subscription);
    audit.updated(caller.username(), ENTITY, id.toString(), before, after);
    return after;
  }

  public void delete(UUID id, CurrentUser caller) {
    Subscription subscription = visible(id, caller);
    SubscriptionView before = SubscriptionView.of(subscription);
    subscriptions.delete(subscription);
    audit.deleted(caller.username(), ENTITY, id.toString(), before);
  }

  /** Every enabled subscription with its parsed query, for matching. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Compiled> compiled() {
    return subscriptions.list("enabled", true).stream()
        .map(s -> new Compiled(s.id, s.ownerId, s.name, s.minSeverity, KeywordQuery.parse(s.query)))
        .toList();
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

  private static void check(SubscriptionRequest request) {
    try {
      KeywordQuery.parse(request.query());
    } catch (QuerySyntaxException e) {
      throw ProblemException.badField(
          "query", "syntax error at position " + e.position() + ": expected " + e.expected());
    }
    List<FieldError> channelProblems = Channels.problems(request.channelsOrEmpty());
    if (!channelProblems.isEmpty()) {
      throw new ProblemException(400, "invalid " + channelProblems.get(0).field(), channelProblems);
    }
  }

  /** A subscription ready to match. */
  public record Compiled(
      UUID id, UUID ownerId, String name, Severity minSeverity, KeywordQuery query) {}
}
