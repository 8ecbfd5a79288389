package io.newswatch.alert.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.Severity;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Story keys in PostgreSQL: text copies found through the band table, and forgotten with items. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class StoryRepositoryTest {

  private static final String WIRE =
      "Fighters of the Islamic State Khorasan Province attacked a border post in the district of"
          + " Ishkashim overnight, provincial officials said on Tuesday, adding that two guards"
          + " were wounded and that reinforcements had been sent from Faizabad.";

  @Inject StoryRepository stories;
  @Inject EntityManager entityManager;

  @Test
  void aCopyFromAnotherFeedIsFoundByItsTextKeys() {
    String marker = " Ref " + UUID.randomUUID().toString().replace("-", "") + ".";
    ClassifiedItem first = item("1", WIRE + marker);
    ClassifiedItem copy = item("2", "KABUL (Reuters) - " + WIRE + marker);
    ClassifiedItem other =
        item(
            "3",
            "Wheat prices rose in the markets of Kunduz this week as imports from Uzbekistan"
                + " slowed and traders held back stocks before the winter, shopkeepers said."
                + marker);

    UUID story = resolve(first, Instant.now());

    assertThat(bandRows(first.id())).isGreaterThan(0);
    assertThat(resolve(copy, Instant.now())).isEqualTo(story);
    assertThat(resolve(other, Instant.now())).isNotEqualTo(story);
  }

  @Test
  void theRetentionForgetsAnItemWithItsTextKeys() {
    ClassifiedItem old = item("1", WIRE + " Old " + UUID.randomUUID() + ".");
    resolve(old, Instant.now().minus(Duration.ofDays(30)));
    ClassifiedItem recent = item("1", WIRE + " New " + UUID.randomUUID() + ".");
    resolve(recent, Instant.now());
    assertThat(bandRows(old.id())).isGreaterThan(0);

    int removed = QuarkusTransaction.requiringNew().call(() -> stories.prune(Instant.now()));

    assertThat(removed).isGreaterThanOrEqualTo(1);
    assertThat(bandRows(old.id())).isZero();
    assertThat(bandRows(recent.id())).isGreaterThan(0);
  }

  private UUID resolve(ClassifiedItem item, Instant receivedAt) {
    return QuarkusTransaction.requiringNew()
        .call(() -> stories.resolve(List.of(item), receivedAt).get(0));
  }

  private long bandRows(String itemId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery(
                                "SELECT count(*) FROM received_item_band WHERE item_id = ?1")
                            .setParameter(1, itemId)
                            .getSingleResult())
                    .longValue());
  }

  private static ClassifiedItem item(String feedId, String text) {
    return Fixtures.classified(
        Fixtures.fromFeed(
            feedId,
            "https://feed" + feedId + ".example.org/" + UUID.randomUUID(),
            "Border post attacked",
            text,
            Instant.now()),
        Severity.ROUTINE);
  }
}
