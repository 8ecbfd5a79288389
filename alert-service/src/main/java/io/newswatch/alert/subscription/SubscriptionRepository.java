package io.newswatch.alert.subscription;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Subscriptions in PostgreSQL. */
@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

  long countByOwner(UUID ownerId) {
    return count("ownerId", ownerId);
  }
}
