package io.newswatch.alert.delivery;

import io.newswatch.alert.delivery.StormPolicy.HoldReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a webhook or an email says about alerts that were held: during quiet hours, or beyond the
 * rate limit.
 *
 * @param subscriptionId the subscription
 * @param subscriptionName its name
 * @param reason why they were held
 * @param window the rate limit's window (for "in the last 15 minutes")
 * @param quietHours the quiet hours, as text, or null
 * @param from when the first of them was created
 * @param until when the digest was made
 * @param alerts the alerts, oldest first
 */
public record DigestMessage(
    String subscriptionId,
    String subscriptionName,
    HoldReason reason,
    Duration window,
    String quietHours,
    Instant from,
    Instant until,
    List<AlertMessage> alerts) {

  /** Alerts listed by name in a digest; the rest are counted. */
  public static final int LISTED = 50;

  public DigestMessage {
    alerts = List.copyOf(alerts);
  }

  /** "12 more alerts in the last 15 minutes", "3 alerts during quiet hours (22:00–07:00 …)". */
  public String headline() {
    int n = alerts.size();
    String alertsWord = n == 1 ? "alert" : "alerts";
    if (reason == HoldReason.QUIET_HOURS) {
      return n
          + " "
          + alertsWord
          + " during quiet hours"
          + (quietHours == null ? "" : " (" + quietHours + ")");
    }
    return n + " more " + alertsWord + " in the last " + describe(window);
  }

  static String describe(Duration window) {
    long minutes = window.toMinutes();
    if (minutes >= 60 && minutes % 60 == 0) {
      long hours = minutes / 60;
      return hours == 1 ? "hour" : hours + " hours";
    }
    if (minutes >= 1) {
      return minutes == 1 ? "minute" : minutes + " minutes";
    }
    return window.toSeconds() + " seconds";
  }
}
