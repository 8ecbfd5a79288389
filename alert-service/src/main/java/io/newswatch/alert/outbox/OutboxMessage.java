package io.newswatch.alert.outbox;

/**
 * One message waiting in the outbox.
 *
 * @param id position in the outbox
 * @param channel who delivers it, e.g. {@code kafka}
 * @param destination where, for that channel (a topic for Kafka)
 * @param key the message key (an alert id), or null
 * @param payload JSON
 * @param attempts delivery attempts so far
 */
public record OutboxMessage(
    long id, String channel, String destination, String key, String payload, int attempts) {}
