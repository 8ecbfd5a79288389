package io.newswatch.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import io.newswatch.events.TagType;
import io.newswatch.events.TextField;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What webhooks and emails say about an alert and about a digest. */
class MessageRenderingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static AlertMessage alert(String title, String url) {
    return new AlertMessage(
        "9b2c8c0e-52a3-4f6e-9d59-3c0c6b0f2d11",
        "5f1b6a35-3c55-4a7e-8d0e-0d4c1c8f9a21",
        "Badakhshan <watch>",
        "officer",
        Severity.FLASH,
        title,
        url,
        "Example Desk",
        Instant.parse("2026-11-21T06:00:00Z"),
        "Fighters of ISIS-K crossed near Ishkashim & attacked a post.",
        List.of(
            new MatchedTerm("ISKP", TextField.TITLE, 0, 4, "ISKP"),
            new MatchedTerm("ISKP", TextField.SUMMARY, 12, 18, "ISIS-K")),
        List.of(new AlertMessage.TagRef(TagType.REGION, "af-bds", "Badakhshan", "province", false)),
        Instant.parse("2026-11-21T06:01:00Z"));
  }

  @Test
  void theStandardPayloadCarriesTheAlertAndALink() throws Exception {
    JsonNode body =
        JSON.readTree(
            WebhookPayloads.standard(
                alert("ISKP attack <near> Fayzabad", "https://news.example.org/1"),
                "https://newswatch.example.org/alerts/9b2c"));

    assertThat(body.path("type").asText()).isEqualTo("alert.created");
    JsonNode data = body.path("data");
    assertThat(data.path("alertId").asText()).isEqualTo("9b2c8c0e-52a3-4f6e-9d59-3c0c6b0f2d11");
    assertThat(data.path("subscription").path("name").asText()).isEqualTo("Badakhshan <watch>");
    assertThat(data.path("severity").asText()).isEqualTo("flash");
    assertThat(data.path("title").asText()).isEqualTo("ISKP attack <near> Fayzabad");
    assertThat(data.path("matches").get(1).path("text").asText()).isEqualTo("ISIS-K");
    assertThat(data.path("tags").get(0).path("name").asText()).isEqualTo("Badakhshan");
    assertThat(data.path("link").asText()).isEqualTo("https://newswatch.example.org/alerts/9b2c");
  }

  @Test
  void theSlackPayloadIsTextWithEscapedMarkup() throws Exception {
    JsonNode body =
        JSON.readTree(
            WebhookPayloads.slack(
                alert("ISKP <b>attack</b> & more", "https://n.example.org/1"), null));

    assertThat(body.size()).isEqualTo(1);
    String text = body.path("text").asText();
    assertThat(text)
        .startsWith("[FLASH] <https://n.example.org/1|ISKP &lt;b&gt;attack&lt;/b&gt; &amp; more>")
        .contains("matched: ISKP");
  }

  @Test
  void theEmailHighlightsWhatMatchedInBothParts() {
    EmailRenderer.Email email =
        EmailRenderer.render(alert("ISKP attack <near> Fayzabad", "https://n.example.org/1"), null);

    assertThat(email.subject()).contains("FLASH").contains("ISKP attack <near> Fayzabad");
    assertThat(email.html())
        .contains("<mark>ISKP</mark> attack &lt;near&gt; Fayzabad")
        .contains("Fighters of <mark>ISIS-K</mark> crossed near Ishkashim &amp; attacked")
        .contains("href=\"https://n.example.org/1\"")
        .contains("Badakhshan")
        .doesNotContain("<near>");
    assertThat(email.text())
        .contains("ISKP attack <near> Fayzabad")
        .contains("https://n.example.org/1")
        .contains("Source: Example Desk")
        .contains("Severity: flash");
  }

  @Test
  void aDigestCountsAndListsItsAlerts() throws Exception {
    List<AlertMessage> alerts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      alerts.add(alert("ISKP report " + i, "https://n.example.org/" + i));
    }
    DigestMessage digest =
        new DigestMessage(
            "5f1b",
            "Badakhshan",
            StormPolicy.HoldReason.RATE_LIMIT,
            Duration.ofMinutes(15),
            null,
            Instant.parse("2026-11-21T06:00:00Z"),
            Instant.parse("2026-11-21T06:15:00Z"),
            alerts);

    assertThat(digest.headline()).isEqualTo("12 more alerts in the last 15 minutes");
    JsonNode body = JSON.readTree(WebhookPayloads.standard(digest, id -> null));
    assertThat(body.path("type").asText()).isEqualTo("alert.digest");
    assertThat(body.path("data").path("count").asInt()).isEqualTo(12);
    assertThat(body.path("data").path("alerts")).hasSize(12);
    EmailRenderer.Email email = EmailRenderer.render(digest, id -> null);
    assertThat(email.subject()).contains("12 more alerts in the last 15 minutes");
    assertThat(email.text()).contains("ISKP report 0").contains("ISKP report 11");
    assertThat(JSON.readTree(WebhookPayloads.slack(digest)).path("text").asText())
        .contains("12 more alerts")
        .contains("ISKP report 11");

    DigestMessage night =
        new DigestMessage(
            "5f1b",
            "Badakhshan",
            StormPolicy.HoldReason.QUIET_HOURS,
            Duration.ofMinutes(15),
            "22:00–07:00 Asia/Kabul",
            Instant.parse("2026-11-21T18:00:00Z"),
            Instant.parse("2026-11-22T02:30:00Z"),
            alerts.subList(0, 1));
    assertThat(night.headline()).isEqualTo("1 alert during quiet hours (22:00–07:00 Asia/Kabul)");
  }

  @Test
  void thePayloadAgreesWithTheDocumentedJsonSchema() throws Exception {
    JsonNode schema =
        JSON.readTree(
            java.nio.file.Files.readString(
                java.nio.file.Path.of("..", "docs", "webhook-payload.schema.json")));
    JsonNode alertSchema = schema.path("$defs").path("alert");
    JsonNode data =
        JSON.readTree(
                WebhookPayloads.standard(
                    alert("ISKP attack", "https://n.example.org/1"), "https://nw.example.org/a"))
            .path("data");

    List<String> documented = new ArrayList<>();
    alertSchema.path("properties").fieldNames().forEachRemaining(documented::add);
    List<String> sent = new ArrayList<>();
    data.fieldNames().forEachRemaining(sent::add);
    assertThat(documented).containsExactlyInAnyOrderElementsOf(sent);
    alertSchema.path("required").forEach(field -> assertThat(data.has(field.asText())).isTrue());
    List<String> matchFields = new ArrayList<>();
    data.path("matches").get(0).fieldNames().forEachRemaining(matchFields::add);
    List<String> documentedMatch = new ArrayList<>();
    alertSchema
        .path("properties")
        .path("matches")
        .path("items")
        .path("properties")
        .fieldNames()
        .forEachRemaining(documentedMatch::add);
    assertThat(documentedMatch).containsExactlyInAnyOrderElementsOf(matchFields);
  }

  @Test
  void messagesSurviveTheOutboxRoundTrip() {
    AlertMessage message = alert("ISKP attack", null);
    assertThat(Deliveries.read(Deliveries.write(message), AlertMessage.class)).isEqualTo(message);
  }
}
