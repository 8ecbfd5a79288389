package io.newswatch.alert.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.newswatch.alert.AlertConfig;
import io.newswatch.alert.audit.AuditLog;
import io.newswatch.alert.delivery.DeliveryChannel;
import io.newswatch.alert.delivery.DeliveryConfig;
import io.newswatch.alert.matching.MatchingTaxonomy;
import io.newswatch.alert.query.QuerySyntaxException;
import io.newswatch.common.net.UrlGuard;
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
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
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
  private final UrlGuard webhookGuard;
  private final DeliveryConfig delivery;

  SubscriptionService(
      SubscriptionRepository subscriptions,
      AuditLog audit,
      AlertConfig config,
      Clock clock,
      MatchingTaxonomy taxonomy,
      EntityManager entityManager,
      Event<SubscriptionsChanged> changed,
      UrlGuard webhookGuard,
      DeliveryConfig delivery) {
    this.subscriptions = subscriptions;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
    this.taxonomy = taxonomy;
    this.entityManager = entityManager;
    this.changed = changed;
    this.webhookGuard = webhookGuard;
    this.delivery = delivery;
  }

  /** Stores a subscription of the caller; 400 with the position when the query does not parse. */
  public SubscriptionView create(SubscriptionRequest request, CurrentUser caller) {
    ArrayNode channels = check(request, null);
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
    apply(request, channels, subscription);
    subscriptions.persist(subscription);
    SubscriptionView view = view(subscription);
    audit.created(caller.username(), ENTITY, subscription.id.toString(), view);
    changed.fire(new SubscriptionsChanged());
    return view;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public SubscriptionView get(UUID id, CurrentUser caller) {
    return view(visible(id, caller));
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
        query.page(page, size).list().stream().map(this::view).toList(), query.count(), page, size);
  }

  /** Replaces what the caller may set. */
  public SubscriptionView update(UUID id, SubscriptionRequest request, CurrentUser caller) {
    SubscriptionsChanged.lock(entityManager);
    Subscription subscription = visible(id, caller);
    ArrayNode channels = check(request, subscription.channels);
    SubscriptionView before = view(subscription);
    apply(request, channels, subscription);
    SubscriptionView after = view(subscription);
    audit.updated(caller.username(), ENTITY, id.toString(), before, after);
    changed.fire(new SubscriptionsChanged());
    return after;
  }

  public void delete(UUID id, CurrentUser caller) {
    SubscriptionsChanged.lock(entityManager);
    Subscription subscription = visible(id, caller);
    SubscriptionView before = view(subscription);
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

  /** The subscription as the API shows it, with the default rate limit where it sets none. */
  SubscriptionView view(Subscription subscription) {
    return SubscriptionView.of(
        subscription,
        new StormSettings.RateLimit(delivery.rateLimitMessages(), delivery.rateLimitWindow()));
  }

  private void apply(SubscriptionRequest request, ArrayNode channels, Subscription subscription) {
    subscription.name = request.name().strip();
    subscription.query = request.query().strip();
    subscription.minSeverity = request.minSeverityOrDefault();
    subscription.enabled = request.enabledOrDefault();
    subscription.channels = channels;
    StormSettings.RateLimit rateLimit = request.rateLimit();
    subscription.rateLimitMessages = rateLimit == null ? null : rateLimit.messages();
    subscription.rateLimitWindowSeconds =
        rateLimit == null ? null : (int) rateLimit.window().toSeconds();
    StormSettings.QuietHours quiet = request.quietHours();
    subscription.quietStart = quiet == null ? null : LocalTime.parse(quiet.start());
    subscription.quietEnd = quiet == null ? null : LocalTime.parse(quiet.end());
    subscription.quietZone = quiet == null ? null : zone(quiet);
    subscription.updatedAt = Instant.now(clock);
  }

  /**
   * Checks what the query parser, the URL guard and the storm settings have to say; returns the
   * channels as they are stored.
   */
  private ArrayNode check(SubscriptionRequest request, JsonNode previousChannels) {
    try {
      taxonomy.resolver().resolve(request.query());
    } catch (QuerySyntaxException e) {
      throw queryProblem(e);
    }
    List<DeliveryChannel.Invalid> invalid = new ArrayList<>();
    ArrayNode channels =
        DeliveryChannel.normalise(
            request.channelsOrEmpty(), previousChannels, webhookGuard, invalid);
    List<FieldError> problems = new ArrayList<>();
    invalid.forEach(i -> problems.add(new FieldError(i.field(), i.message())));
    problems.addAll(stormProblems(request));
    if (!problems.isEmpty()) {
      throw new ProblemException(400, "invalid " + problems.get(0).field(), problems);
    }
    return channels;
  }

  private static List<FieldError> stormProblems(SubscriptionRequest request) {
    List<FieldError> problems = new ArrayList<>();
    StormSettings.RateLimit rateLimit = request.rateLimit();
    if (rateLimit != null) {
      if (rateLimit.messages() == null || rateLimit.messages() < 1 || rateLimit.messages() > 1000) {
        problems.add(new FieldError("rateLimit.messages", "must be from 1 to 1000"));
      }
      if (rateLimit.window() == null
          || rateLimit.window().compareTo(Duration.ofSeconds(10)) < 0
          || rateLimit.window().compareTo(Duration.ofHours(24)) > 0) {
        problems.add(
            new FieldError(
                "rateLimit.window", "must be from PT10S to PT24H (ISO 8601, e.g. PT15M)"));
      }
    }
    StormSettings.QuietHours quiet = request.quietHours();
    if (quiet != null) {
      LocalTime start = time(quiet.start(), "quietHours.start", problems);
      LocalTime end = time(quiet.end(), "quietHours.end", problems);
      if (start != null && start.equals(end)) {
        problems.add(new FieldError("quietHours.end", "must differ from start"));
      }
      try {
        zone(quiet);
      } catch (DateTimeException e) {
        problems.add(
            new FieldError("quietHours.timeZone", "must be a time zone such as Asia/Kabul or UTC"));
      }
    }
    return problems;
  }

  private static LocalTime time(String value, String field, List<FieldError> problems) {
    try {
      if (value != null && value.matches("\\d{2}:\\d{2}")) {
        return LocalTime.parse(value);
      }
    } catch (DateTimeException e) {
      // reported below
    }
    problems.add(new FieldError(field, "must be a time of day as HH:mm, e.g. 22:00"));
    return null;
  }

  private static String zone(StormSettings.QuietHours quiet) {
    return quiet.timeZone() == null ? "UTC" : ZoneId.of(quiet.timeZone()).getId();
  }

  /** 400 naming the query field, the position and what was expected there. */
  static ProblemException queryProblem(QuerySyntaxException e) {
    return ProblemException.badField(
        "query", "syntax error at position " + e.position() + ": expected " + e.expected());
  }
}
