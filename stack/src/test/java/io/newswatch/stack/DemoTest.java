package io.newswatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.events.EventJson;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoTest {

  private static JsonNode json(String text) throws Exception {
    return EventJson.mapper().readTree(text);
  }

  @Test
  void anAlertLineSaysWhatMatchedWhereFromAndHowFast() throws Exception {
    JsonNode alert =
        json(
            """
            {"id": "a1", "title": "ISIS-K fighters reported in Badakhshan", "severity": "priority",
             "url": "http://127.0.0.1:9999/articles/001/2",
             "matches": [{"text": "ISIS-K"}, {"text": "Badakhshan"}, {"text": "ISIS-K"}],
             "createdAt": "2026-01-15T08:00:01.300Z"}
            """);

    String line =
        Demo.describeAlert(
            alert,
            Instant.parse("2026-01-15T08:00:00Z"),
            Map.of("http://127.0.0.1:9999/articles/001/2", "Northern Afghanistan analysis"),
            Instant.parse("2026-01-15T08:00:02Z"));

    assertThat(line)
        .startsWith("[newswatch] ALERT ")
        .contains(" PRIORITY  \"ISIS-K fighters reported in Badakhshan\"")
        .contains("matched ISIS-K, Badakhshan  (Northern Afghanistan analysis)")
        .contains("1.3 s after release")
        .endsWith("http://127.0.0.1:9999/articles/001/2");
  }

  @Test
  void anAlertWithFewFieldsStillReads() throws Exception {
    String line = Demo.describeAlert(json("{\"id\": \"a2\"}"), null, Map.of(), Instant.now());

    assertThat(line).contains("\"(no title)\"").doesNotContain("matched").doesNotContain("after");
  }
}
