package io.newswatch.alert.subscription;

import jakarta.persistence.EntityManager;

/**
 * Fired in a transaction that changed subscriptions, so that this instance updates its index as
 * soon as the change committed rather than at the next poll.
 */
public record SubscriptionsChanged() {

  /** Key of the advisory lock that orders subscription changes, see the V3 migration. */
  static final long LOCK = 0x5355424348414E47L;

  /**
   * Takes the change-order lock before touching any subscription row, as the trigger does after:
   * transactions that change several subscriptions (deleting a user) then never wait for each
   * other's rows while holding it.
   */
  public static void lock(EntityManager entityManager) {
    entityManager
        .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1)) locked")
        .setParameter(1, LOCK)
        .getSingleResult();
  }
}
