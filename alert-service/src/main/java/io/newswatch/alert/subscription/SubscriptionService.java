package io.newswatch.alert.subscription;

import io.newswatch.alert.matching.KeywordQuery;
import io.newswatch.alert.matching.QuerySyntaxException;
import io.newswatch.common.web.Page;
import io.newswatch.common.web.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creating and reading subscriptions, and the compiled form the matcher uses. */
@ApplicationScoped
@Transactional
public class SubscriptionService {

  private final SubscriptionRepository subscriptions;
  private final Clock clock;

  SubscriptionService(SubscriptionRepository subscriptions, Clock clock) {
    this.subscriptions = subscriptions;
    this.clock = clock;
  }

  /** Stores a subscription; 400 naming the position when the query does not parse. */
  public SubscriptionView create(SubscriptionRequest request) {
    parse(request.query());
    Subscription subscription = new Subscription();
    subscription.id = UUID.randomUUID();
    subscription.name = request.name().strip();
    subscription.query = request.query().strip();
    subscription.createdAt = Instant.now(clock);
    subscription.updatedAt = subscription.createdAt;
    subscriptions.persist(subscription);
    return SubscriptionView.of(subscription);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public SubscriptionView get(UUID id) {
    return subscriptions
        .findByIdOptional(id)
        .map(SubscriptionView::of)
        .orElseThrow(() -> ProblemException.notFound("subscription " + id));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<SubscriptionView> list(int page, int size) {
    var query = subscriptions.findAll(Sort.by("createdAt").and("id"));
    return new Page<>(
        query.page(page, size).list().stream().map(SubscriptionView::of).toList(),
        query.count(),
        page,
        size);
  }

  /** Every subscription with its parsed query, for matching. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Compiled> compiled() {
    return subscriptions.listAll().stream()
        .map(s -> new Compiled(s.id, s.name, KeywordQuery.parse(s.query)))
        .toList();
  }

  private static KeywordQuery parse(String query) {
    try {
      return KeywordQuery.parse(query);
    } catch (QuerySyntaxException e) {
      throw ProblemException.badField(
          "query", "syntax error at position " + e.position() + ": expected " + e.expected());
    }
  }

  /** A subscription ready to match. */
  public record Compiled(UUID id, String name, KeywordQuery query) {}
}
