package io.newswatch.alert.delivery;

import io.newswatch.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides, for one channel of a subscription, whether a new alert goes out as a message now or is
 * held for a digest. Quiet hours hold every alert but flash ones until they end; beyond {@code N}
 * messages in the rate limit's window, further alerts are held until the window ends. A window
 * starts with the first message after the previous one ended. Digests do not count.
 */
public final class StormPolicy {

  private StormPolicy() {}

  /**
   * A rate limit: at most {@code messages} messages per {@code window} and channel.
   *
   * @param messages at least 1
   * @param window at least a minute in the API
   */
  public record RateLimit(int messages, Duration window) {
    public RateLimit {
      if (messages < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("a rate limit needs messages >= 1 and a window");
      }
    }
  }

  /**
   * The current window of a channel.
   *
   * @param start when it started
   * @param sent messages sent in it
   */
  public record Window(Instant start, int sent) {}

  /** Why an alert was held. */
  public enum HoldReason {
    QUIET_HOURS("quiet-hours"),
    RATE_LIMIT("rate-limit");

    private final String id;

    HoldReason(String id) {
      this.id = id;
    }

    /** As stored and shown: {@code quiet-hours}, {@code rate-limit}. */
    public String id() {
      return id;
    }

    public static HoldReason of(String id) {
      for (HoldReason reason : values()) {
        if (reason.id.equals(id)) {
          return reason;
        }
      }
      throw new IllegalArgumentException("no hold reason " + id);
    }
  }

  /**
   * What to do with an alert.
   *
   * @param window the channel's window afterwards
   * @param holdUntil when a held alert's digest goes out; empty to send now
   * @param reason why it is held; null when sent
   */
  public record Decision(Window window, Optional<Instant> holdUntil, HoldReason reason) {
    public boolean send() {
      return holdUntil.isEmpty();
    }
  }

  /**
   * Decides for an alert of {@code severity} at {@code now}.
   *
   * @param current the channel's window, or null when it never sent
   * @param quiet the subscription's quiet hours, or null
   */
  public static Decision decide(
      Window current, Instant now, Severity severity, RateLimit limit, QuietHours quiet) {
    Window window =
        current == null || !now.isBefore(current.start().plus(limit.window()))
            ? new Window(now, 0)
            : current;
    if (quiet != null && severity != Severity.FLASH && quiet.contains(now)) {
      return new Decision(window, Optional.of(quiet.endAfter(now)), HoldReason.QUIET_HOURS);
    }
    if (window.sent() < limit.messages()) {
      return new Decision(new Window(window.start(), window.sent() + 1), Optional.empty(), null);
    }
    return new Decision(
        window, Optional.of(window.start().plus(limit.window())), HoldReason.RATE_LIMIT);
  }
}
