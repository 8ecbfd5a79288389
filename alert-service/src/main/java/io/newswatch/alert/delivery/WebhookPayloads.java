package io.newswatch.alert.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.events.EventJson;
import java.util.List;
import java.util.Locale;

/**
 * The bodies NewsWatch posts to webhooks. {@code standard}: JSON in the Standard Webhooks shape
 * ({@code type}, {@code timestamp}, {@code data}), documented with a JSON Schema in README. {@code
 * slack}: {@code {"text": ...}} with Slack's link markup, for chat webhooks.
 */
public final class WebhookPayloads {

  /** {@code type} of a message about one alert. */
  public static final String ALERT = "alert.created";

  /** {@code type} of a digest. */
  public static final String DIGEST = "alert.digest";

  private static final ObjectMapper JSON = EventJson.mapper();

  private WebhookPayloads() {}

  /** The standard body of an alert; {@code link} to the alert in NewsWatch, or null. */
  public static byte[] standard(AlertMessage alert, String link) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", ALERT);
    body.put("timestamp", alert.createdAt().toString());
    body.set("data", alertData(alert, link));
    return write(body);
  }

  /** The standard body of a digest; {@code link} maps an alert id to its link, or null. */
  public static byte[] standard(
      DigestMessage digest, java.util.function.Function<String, String> link) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", DIGEST);
    body.put("timestamp", digest.until().toString());
    ObjectNode data = body.putObject("data");
    ObjectNode subscription = data.putObject("subscription");
    subscription.put("id", digest.subscriptionId());
    subscription.put("name", digest.subscriptionName());
    data.put("reason", digest.reason().id());
    data.put("summary", digest.headline());
    data.put("count", digest.alerts().size());
    data.put("from", digest.from().toString());
    data.put("until", digest.until().toString());
    ArrayNode alerts = data.putArray("alerts");
    for (AlertMessage alert : digest.alerts()) {
      alerts.add(alertData(alert, link == null ? null : link.apply(alert.alertId())));
    }
    return write(body);
  }

  private static ObjectNode alertData(AlertMessage alert, String link) {
    ObjectNode data = JSON.createObjectNode();
    data.put("alertId", alert.alertId());
    ObjectNode subscription = data.putObject("subscription");
    subscription.put("id", alert.subscriptionId());
    subscription.put("name", alert.subscriptionName());
    data.put("severity", alert.severity().name().toLowerCase(Locale.ROOT));
    data.put("title", alert.title());
    if (alert.url() != null) {
      data.put("url", alert.url());
    }
    data.put("source", alert.source());
    if (alert.publishedAt() != null) {
      data.put("publishedAt", alert.publishedAt().toString());
    }
    if (!alert.summary().isEmpty()) {
      data.put("summary", alert.summary());
    }
    data.set("matches", JSON.valueToTree(alert.matches()));
    data.set("tags", JSON.valueToTree(alert.tags()));
    data.put("createdAt", alert.createdAt().toString());
    if (link != null) {
      data.put("link", link);
    }
    return data;
  }

  /** The Slack body of an alert. */
  public static byte[] slack(AlertMessage alert, String link) {
    return slackText(slackLine(alert) + matchedLine(alert) + (link == null ? "" : "\n" + link));
  }

  /** The Slack body of a digest. */
  public static byte[] slack(DigestMessage digest) {
    StringBuilder text =
        new StringBuilder("*")
            .append(escape(digest.subscriptionName()))
            .append("*: ")
            .append(escape(digest.headline()));
    List<AlertMessage> alerts = digest.alerts();
    for (int i = 0; i < alerts.size() && i < DigestMessage.LISTED; i++) {
      text.append("\n• ").append(slackLine(alerts.get(i)));
    }
    if (alerts.size() > DigestMessage.LISTED) {
      text.append("\n… and ").append(alerts.size() - DigestMessage.LISTED).append(" more");
    }
    return slackText(text.toString());
  }

  private static String slackLine(AlertMessage alert) {
    String title = escape(alert.title());
    String linked = alert.url() == null ? title : "<" + alert.url() + "|" + title + ">";
    return "["
        + alert.severity().name()
        + "] "
        + linked
        + (alert.source().isEmpty() ? "" : " (" + escape(alert.source()) + ")");
  }

  private static String matchedLine(AlertMessage alert) {
    List<String> terms = alert.matches().stream().map(m -> m.term()).distinct().toList();
    return terms.isEmpty() ? "" : "\nmatched: " + escape(String.join(", ", terms));
  }

  /** Slack's three control characters. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static byte[] slackText(String text) {
    ObjectNode body = JSON.createObjectNode();
    body.put("text", text);
    return write(body);
  }

  private static byte[] write(ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }
}
