package io.newswatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.AlertEvent;
import io.newswatch.events.EventJson;
import io.newswatch.events.ItemRef;
import io.newswatch.events.MatchedTerm;
import io.newswatch.events.Severity;
import io.newswatch.events.TextField;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertObserverFieldsTest {

  private static final Instant CREATED = Instant.parse("2026-11-21T10:15:30.123456Z");

  private static byte[] event(String itemId) {
    return event(itemId, "ISKP in Badakhshan");
  }

  private static byte[] event(String itemId, String subscriptionName) {
    return EventJson.write(
        AlertEvent.of(
            "alert-1",
            "subscription-1",
            subscriptionName,
            "officer",
            new ItemRef(
                itemId,
                "feed-1",
                "Wire",
                "https://news.example.org/" + itemId,
                "ISKP attack in Badakhshan",
                Instant.parse("2026-11-21T10:00:00Z")),
            Severity.ROUTINE,
            List.of(new MatchedTerm("ISKP", TextField.TITLE, 0, 4, "ISKP")),
            List.of(),
            CREATED));
  }

  @Test
  void readsTheItemAndWhenTheAlertWasCreatedForAnItemsFirstAlert() throws Exception {
    AlertObserver.Fields fields = AlertObserver.Fields.of(event("item-7"), id -> true);

    assertThat(fields.itemId()).isEqualTo("item-7");
    assertThat(fields.createdAt()).isEqualTo(CREATED);
  }

  @Test
  void stopsAfterTheItemWhenItsCreationTimeIsNotWanted() throws Exception {
    AlertObserver.Fields fields =
        AlertObserver.Fields.of(event("item-7"), id -> !id.equals("item-7"));

    assertThat(fields.itemId()).isEqualTo("item-7");
    assertThat(fields.createdAt()).isNull();
  }

  @Test
  void findsBothInAnyOrderAndIgnoresIdsOfOtherObjects() throws Exception {
    String json =
        "{\"createdAt\":\"2026-11-21T10:15:30.123456Z\",\"tags\":[{\"id\":\"taliban\"}],"
            + "\"item\":{\"feedId\":\"f\",\"id\":\"item-9\",\"title\":\"t\"}}";

    AlertObserver.Fields fields = AlertObserver.Fields.of(utf8(json), id -> true);

    assertThat(fields.itemId()).isEqualTo("item-9");
    assertThat(fields.createdAt()).isEqualTo(CREATED);
  }

  @Test
  void anEventWithoutAnItemGivesNothing() throws Exception {
    assertThat(AlertObserver.Fields.of(utf8("{\"alertId\":\"a\"}"), id -> true))
        .isEqualTo(new AlertObserver.Fields(null, null));
    assertThat(AlertObserver.Fields.of(utf8("[]"), id -> true))
        .isEqualTo(new AlertObserver.Fields(null, null));
  }

  @Test
  void readsTheEventsBytesWhateverScriptComesBeforeTheItem() throws Exception {
    AlertObserver.Fields fields =
        AlertObserver.Fields.of(event("item-8", "داعش در بدخشان"), id -> true);

    assertThat(fields.itemId()).isEqualTo("item-8");
    assertThat(fields.createdAt()).isEqualTo(CREATED);
  }

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
