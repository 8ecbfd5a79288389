package io.newswatch.alert.outbox;

/** Fired in a transaction that wrote to the outbox, so that the relay starts once it committed. */
public record OutboxWritten() {}
