package io.newswatch.alert.db;

import jakarta.persistence.EntityManager;

/**
 * The one advisory lock under which logs that readers follow by position (the alert stream, the
 * story text log) take their positions: held from then until the commit, so that positions become
 * visible in order and a reader who has seen position n has seen every position before it. Take it
 * at the end of a transaction, after any other lock, and hold it briefly.
 */
public final class CommitOrder {

  /** 0x414C455254535452: 'ALERTSTR'. */
  private static final long LOCK = 0x414C455254535452L;

  private CommitOrder() {}

  /** Takes the lock for the rest of the caller's transaction (again: at no further cost). */
  public static void lock(EntityManager entityManager) {
    entityManager
        .createNativeQuery("SELECT CAST(pg_advisory_xact_lock(?1) AS text)")
        .setParameter(1, LOCK)
        .getSingleResult();
  }
}
