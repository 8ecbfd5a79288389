package io.newswatch.alert.alert;

import io.newswatch.common.web.Problem.FieldError;
import io.newswatch.common.web.ProblemException;
import io.newswatch.events.Severity;
import io.quarkus.panache.common.Parameters;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The filters of {@code GET /alerts}: {@code status} and {@code severity} (each repeatable), {@code
 * subscriptionId}, and creation time from {@code since} (inclusive) to {@code until} (exclusive),
 * as ISO-8601 instants. An invalid value is a 400 naming the parameter.
 */
public class AlertFilter {

  @QueryParam("status")
  List<String> status;

  @QueryParam("severity")
  List<String> severity;

  @QueryParam("subscriptionId")
  String subscriptionId;

  @QueryParam("since")
  String since;

  @QueryParam("until")
  String until;

  void apply(List<String> conditions, Parameters parameters) {
    List<FieldError> errors = new ArrayList<>();
    List<AlertStatus> statuses = new ArrayList<>();
    for (String value : values(status)) {
      AlertStatus.fromId(value.toLowerCase(Locale.ROOT))
          .ifPresentOrElse(
              statuses::add,
              () -> errors.add(new FieldError("status", "expected new, acknowledged or resolved")));
    }
    List<Severity> severities = new ArrayList<>();
    for (String value : values(severity)) {
      try {
        severities.add(Severity.valueOf(value.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("severity", "expected routine, priority or flash"));
      }
    }
    UUID subscription = null;
    if (subscriptionId != null && !subscriptionId.isBlank()) {
      try {
        subscription = UUID.fromString(subscriptionId.strip());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("subscriptionId", "must be a UUID"));
      }
    }
    Instant from = instant("since", since, errors);
    Instant to = instant("until", until, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(400, "invalid " + errors.get(0).field(), errors);
    }
    if (!statuses.isEmpty()) {
      conditions.add("status in :statuses");
      parameters.and("statuses", statuses);
    }
    if (!severities.isEmpty()) {
      conditions.add("severity in :severities");
      parameters.and("severities", severities);
    }
    if (subscription != null) {
      conditions.add("subscriptionId = :subscription");
      parameters.and("subscription", subscription);
    }
    if (from != null) {
      conditions.add("createdAt >= :since");
      parameters.and("since", from);
    }
    if (to != null) {
      conditions.add("createdAt < :until");
      parameters.and("until", to);
    }
  }

  /** Repeated parameters and comma-separated lists both work: status=new,acknowledged. */
  private static List<String> values(List<String> raw) {
    List<String> values = new ArrayList<>();
    if (raw != null) {
      for (String value : raw) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            values.add(part.strip());
          }
        }
      }
    }
    return values;
  }

  private static Instant instant(String name, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "expected an ISO-8601 instant such as 2026-01-15T08:00:00Z"));
      return null;
    }
  }
}
