package io.newswatch.alert.outbox;

/**
 * Fired in a transaction that wrote webhook or email deliveries to the outbox, so that the delivery
 * worker starts once it committed.
 */
public record OutboxWritten() {}
