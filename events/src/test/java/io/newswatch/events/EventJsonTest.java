package io.newswatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
