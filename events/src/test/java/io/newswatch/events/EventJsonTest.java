package io.newswatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.io.SerializedString;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private static final String SECRET_CONTENT = "do-not-echo-this-content";

  @Test
  void ignoresFieldsItDoesNotKnow() {
    String json =
        EventJson.writeString(GoldenEvents.RAW_ITEM)
            .replaceFirst("\\{", "{\"addedInAFutureVersion\":true,");

    assertThat(EventJson.read(json, RawItem.class)).isEqualTo(GoldenEvents.RAW_ITEM);
  }

  @Test
  void refusesAMissingRequiredFieldNamingItWithoutEchoingThePayload() {
    String json =
        "{\"schemaVersion\":1,\"feedId\":\"1\",\"feedUrl\":\"https://x.example/rss\","
            + "\"title\":\""
            + SECRET_CONTENT
            + "\",\"fetchedAt\":\"2026-01-01T00:00:00Z\"}";

    assertThatThrownBy(() -> EventJson.read(json, RawItem.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("id must not be blank")
        .message()
        .doesNotContain(SECRET_CONTENT);
  }

  @Test
  void refusesAnUnsupportedSchemaVersion() {
    String json =
        EventJson.writeString(GoldenEvents.RAW_ITEM)
            .replace("\"schemaVersion\":1", "\"schemaVersion\":99");

    assertThatThrownBy(() -> EventJson.read(json, RawItem.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("unsupported schemaVersion 99");
  }

  @Test
  void namesTheJsonPathOfANestedError() {
    String json =
        EventJson.writeString(GoldenEvents.CLASSIFIED_ITEM)
            .replace("\"confidence\":0.9,", "\"confidence\":7.0,");

    assertThatThrownBy(() -> EventJson.read(json, ClassifiedItem.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("tags[1]")
        .hasMessageContaining("confidence must be within [0, 1]")
        .message()
        .doesNotContain("io.newswatch");
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThatThrownBy(() -> EventJson.read("<rss>" + SECRET_CONTENT, RawItem.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessage("not valid JSON for RawItem");
  }

  @Test
  void refusesAnEmptyRecord() {
    assertThatThrownBy(() -> EventJson.read(new byte[0], RawItem.class))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("empty record");
  }

  @Test
  void writesAlertEventsSharingTagsAsEachAlone() {
    AlertEvent first = GoldenEvents.ALERT_EVENT;
    AlertEvent second =
        AlertEvent.of(
            "1a2b3c4d-0000-4000-8000-000000000002",
            "4d5e6f70-0000-4000-8000-000000000003",
            "Badakhshan",
            "officer2",
            first.item(),
            first.severity(),
            List.of(new MatchedTerm("Badakhshan", TextField.TITLE, 28, 38, "Badakhshan")),
            first.tags(),
            first.createdAt());
    AlertEvent untagged =
        AlertEvent.of(
            "1a2b3c4d-0000-4000-8000-000000000004",
            first.subscriptionId(),
            first.subscriptionName(),
            first.owner(),
            first.item(),
            first.severity(),
            first.matches(),
            List.of(),
            first.createdAt());
    assertThat(second.tags()).isSameAs(first.tags());

    Map<List<Tag>, SerializedString> rendered = new IdentityHashMap<>();
    List<byte[]> written = EventJson.writeAll(List.of(first, second, untagged, second), rendered);

    // each list rendered once: the shared tags and the empty list
    assertThat(rendered).hasSize(2).containsKeys(first.tags(), untagged.tags());
    assertThat(rendered.get(first.tags()).getValue())
        .isEqualTo(EventJson.writeString(first.tags()));

    assertThat(written)
        .containsExactly(
            EventJson.write(first),
            EventJson.write(second),
            EventJson.write(untagged),
            EventJson.write(second));
    assertThat(new String(written.get(1), StandardCharsets.UTF_8))
        .contains("\"tags\":[{\"type\":\"actor\",\"id\":\"iskp\"")
        .contains("\"matches\":[{\"term\":\"Badakhshan\"");
    assertThat(new String(written.get(2), StandardCharsets.UTF_8)).contains("\"tags\":[]");
    assertThat(EventJson.read(written.get(1), AlertEvent.class)).isEqualTo(second);
  }

  @Test
  void writesOtherEventsInAListAsEachAlone() {
    assertThat(EventJson.writeAll(List.of(GoldenEvents.RAW_ITEM, GoldenEvents.ALERT_EVENT)))
        .containsExactly(
            EventJson.write(GoldenEvents.RAW_ITEM), EventJson.write(GoldenEvents.ALERT_EVENT));
  }
}
