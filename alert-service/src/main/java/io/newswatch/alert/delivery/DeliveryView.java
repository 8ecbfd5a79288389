package io.newswatch.alert.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * How an alert went out on one channel, as {@code GET /alerts/{id}} shows it.
 *
 * @param channel {@code webhook} or {@code email}
 * @param destination the webhook URL, or the recipients
 * @param status {@code delivered}; {@code retrying} (see {@code nextAttemptAt} and {@code
 *     lastError}); {@code pending} (not tried yet); {@code held} for a digest until {@code
 *     heldUntil}; {@code in-digest} (folded into {@code digest}); {@code failed} for good; {@code
 *     cancelled} (the channel was disabled or removed)
 * @param messageId the {@code webhook-id} (or email Message-ID), the same on every attempt
 * @param attempts attempts so far
 * @param lastAttemptAt when the last one started
 * @param lastStatus the receiver's HTTP status at the last attempt, if it answered
 * @param lastError why the last attempt did not succeed
 * @param nextAttemptAt when the next attempt is due, while retrying
 * @param heldUntil when a held alert goes out in a digest
 * @param heldReason {@code quiet-hours} or {@code rate-limit}
 * @param deliveredAt when it was delivered
 * @param digest the digest it went out in, for {@code in-digest}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
    String channel,
    String destination,
    String status,
    String messageId,
    int attempts,
    Instant lastAttemptAt,
    Integer lastStatus,
    String lastError,
    Instant nextAttemptAt,
    Instant heldUntil,
    String heldReason,
    Instant deliveredAt,
    DeliveryView digest) {

  /** One outbox row's state. */
  record Attempts(
      String status,
      int attempts,
      Instant lastAttemptAt,
      Integer lastStatus,
      String lastError,
      Instant nextAttemptAt,
      String messageId,
      Instant doneAt) {}

  static DeliveryView of(
      String channel,
      String destination,
      Attempts own,
      Instant releaseAt,
      String heldReason,
      Attempts digest) {
    String status = status(own);
    return new DeliveryView(
        channel,
        destination,
        status,
        own.messageId(),
        own.attempts(),
        own.lastAttemptAt(),
        own.lastStatus(),
        own.lastError(),
        "retrying".equals(status) || "pending".equals(status) ? own.nextAttemptAt() : null,
        "held".equals(status) ? releaseAt : null,
        "held".equals(status) || "in-digest".equals(status) ? heldReason : null,
        "delivered".equals(status) ? own.doneAt() : null,
        digest == null ? null : of(channel, destination, digest, null, null, null));
  }

  private static String status(Attempts row) {
    return switch (row.status()) {
      case "done" -> "delivered";
      case "pending" -> row.attempts() == 0 ? "pending" : "retrying";
      case "folded" -> "in-digest";
      default -> row.status(); // held, failed, cancelled
    };
  }
}
