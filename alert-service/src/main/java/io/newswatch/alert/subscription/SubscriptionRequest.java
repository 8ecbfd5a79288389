package io.newswatch.alert.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.events.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /subscriptions} and {@code PUT /subscriptions/{id}}: what a caller may set.
 * Id, owner and timestamps are the service's.
 *
 * @param name a name for the subscription
 * @param query what to watch for, e.g. {@code ISKP} or {@code Badakhshan attack}
 * @param minSeverity the least severity that alerts; {@code routine} when absent
 * @param enabled false to keep the subscription without alerts; true when absent
 * @param channels where alerts go besides the owner's live stream: objects with a {@code type} of
 *     {@code webhook} or {@code email}
 * @param rateLimit messages per window and channel before alerts are folded into a digest; the
 *     configured default when absent
 * @param quietHours when only flash alerts go out at once; none when absent
 */
public record SubscriptionRequest(
    @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String name,
    @NotBlank(message = "is required")
        @Size(max = 1000, message = "must be at most 1000 characters")
        String query,
    Severity minSeverity,
    Boolean enabled,
    @Size(max = 10, message = "must have at most 10 channels") List<JsonNode> channels,
    StormSettings.RateLimit rateLimit,
    StormSettings.QuietHours quietHours) {

  Severity minSeverityOrDefault() {
    return minSeverity == null ? Severity.ROUTINE : minSeverity;
  }

  boolean enabledOrDefault() {
    return enabled == null || enabled;
  }

  List<JsonNode> channelsOrEmpty() {
    return channels == null ? List.of() : channels;
  }
}
