package io.newswatch.alert.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alert.AlertConfig;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.Severity;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Story keys: text copies found through the story text log and the keys in memory, also when
 * another instance (or this one before a restart) stored the first copy; forgotten with items.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class StoryRepositoryTest {

  private static final String WIRE =
      "Fighters of the Islamic State Khorasan Province attacked a border post in the district of"
          + " Ishkashim overnight, provincial officials said on Tuesday, adding that two guards"
          + " were wounded and that reinforcements had been sent from Faizabad.";

  private static final Random RANDOM = new Random();

  @Inject StoryRepository stories;
  @Inject EntityManager entityManager;
  @Inject AlertConfig config;
  @Inject Clock clock;

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

    UUID story = resolve(stories, first, Instant.now());

    assertThat(textRows(first.id())).isEqualTo(1);
    assertThat(resolve(stories, copy, Instant.now())).isEqualTo(story);
    assertThat(resolve(stories, other, Instant.now())).isNotEqualTo(story);
  }

  @Test
  void aCopyStoredByAnotherInstanceIsFoundThroughTheLog() {
    // Another instance, or this one before a restart: its own keys in memory, the same database.
    StoryRepository elsewhere =
        new StoryRepository(entityManager, config, clock, new SimpleMeterRegistry());
    // Its own text: a copy of WIRE stored by another test must not be what is found.
    String text = words(30);
    ClassifiedItem first = item("4", text);
    ClassifiedItem copy = item("5", text + " (AFP)");
    ClassifiedItem again = item("6", "Update: " + text);

    UUID story = resolve(stories, first, Instant.now());
    assertThat(resolve(elsewhere, copy, Instant.now())).isEqualTo(story);
    // and back: the first instance reads the copy the other one logged
    assertThat(resolve(stories, again, Instant.now())).isEqualTo(story);
    assertThat(textRows(copy.id())).isEqualTo(1);
  }

  @Test
  void aRedeliveredItemKeepsItsStoryAndIsLoggedOnce() {
    ClassifiedItem item = item("7", WIRE + " Ref " + UUID.randomUUID() + ".");

    UUID story = resolve(stories, item, Instant.now());

    assertThat(resolve(stories, item, Instant.now())).isEqualTo(story);
    assertThat(textRows(item.id())).isEqualTo(1);
  }

  @Test
  void theRetentionForgetsAnItemWithItsTextKeys() {
    ClassifiedItem old = item("1", WIRE + " Old " + UUID.randomUUID() + ".");
    resolve(stories, old, Instant.now().minus(Duration.ofDays(30)));
    ClassifiedItem recent = item("1", WIRE + " New " + UUID.randomUUID() + ".");
    resolve(stories, recent, Instant.now());
    assertThat(textRows(old.id())).isEqualTo(1);

    int removed = QuarkusTransaction.requiringNew().call(() -> stories.prune(Instant.now()));

    assertThat(removed).isGreaterThanOrEqualTo(1);
    assertThat(textRows(old.id())).isZero();
    assertThat(textRows(recent.id())).isEqualTo(1);
  }

  /** Resolves an item's story and logs its text keys in one transaction, as alert-service does. */
  private static UUID resolve(StoryRepository repository, ClassifiedItem item, Instant receivedAt) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              StoryRepository.Resolution resolution =
                  repository.resolve(
                      List.of(StoryRepository.Arriving.of(item, EventJson.writeString(item))),
                      receivedAt);
              repository.logTexts(resolution, receivedAt);
              return resolution.stories().get(0);
            });
  }

  /** A text of its own: random words of random letters. */
  private static String words(int count) {
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < count; w++) {
      int length = 4 + RANDOM.nextInt(5);
      for (int c = 0; c < length; c++) {
        text.append((char) ('a' + RANDOM.nextInt(26)));
      }
      text.append(' ');
    }
    return text.toString().strip() + ".";
  }

  private long textRows(String itemId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        entityManager
                            .createNativeQuery("SELECT count(*) FROM story_text WHERE item_id = ?1")
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
