package io.newswatch.alert.subscription;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;

/**
 * How a subscription stays calm under storms, as the API takes and shows it.
 *
 * <p>{@code rateLimit}: at most {@code messages} webhook or email messages per {@code window} (ISO
 * 8601, e.g. {@code PT15M}) and channel; further alerts are folded into one digest when the window
 * ends. {@code quietHours}: from {@code start} to {@code end} ({@code HH:mm}, local time in {@code
 * timeZone}, e.g. {@code Asia/Kabul}) only flash alerts go out at once; the rest are sent as one
 * digest when quiet hours end.
 */
public final class StormSettings {

  private StormSettings() {}

  /**
   * A rate limit.
   *
   * @param messages 1 to 1000
   * @param window 10 seconds to 24 hours
   */
  public record RateLimit(
      Integer messages, @JsonFormat(shape = JsonFormat.Shape.STRING) Duration window) {}

  /**
   * Quiet hours.
   *
   * @param start e.g. {@code 22:00}
   * @param end e.g. {@code 07:00}; before start means over midnight
   * @param timeZone an IANA zone such as {@code Asia/Kabul}; {@code UTC} when absent
   */
  public record QuietHours(String start, String end, String timeZone) {}
}
