package io.newswatch.alert.subscription;

import static io.newswatch.alert.TestUsers.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.newswatch.alert.TestUsers;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.Severity;
import io.newswatch.events.Topics;
import io.newswatch.stack.PostgresServer;
import io.newswatch.stack.testing.ConsumerLag;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.newswatch.stack.testing.SharedServers;
import io.newswatch.stack.testing.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions changed by another instance (here: straight in the shared database, so that this
 * instance hears nothing of it) reach this instance's index through the change log.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class SubscriptionPropagationTest {

  private static final String KAFKA = SharedServers.kafkaBootstrapServers();

  @Test
  void aSubscriptionWrittenElsewhereMatchesAndItsDeletionStopsIt() throws SQLException {
    String officer = TestUsers.newOfficer();
    String ownerId = as(officer).get("/users/me").then().extract().path("id");
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    UUID subscription = UUID.randomUUID();
    long before = revision();

    sql(
        "INSERT INTO subscription (id, owner_id, name, query, min_severity, enabled, channels,"
            + " created_at, updated_at) VALUES (?, ?, 'elsewhere', ?, 'ROUTINE', true, '[]',"
            + " now(), now())",
        subscription,
        UUID.fromString(ownerId),
        "convoy " + marker);
    await().atMost(Duration.ofSeconds(30)).until(() -> revision() > before);
    send("Convoy ambushed " + marker);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as(officer)
                    .get("/alerts?subscriptionId={s}", subscription)
                    .then()
                    .body("total", equalTo(1)));

    long afterInsert = revision();
    sql("UPDATE subscription SET enabled = false WHERE id = ?", subscription);
    await().atMost(Duration.ofSeconds(30)).until(() -> revision() > afterInsert);
    send("Second convoy ambushed " + marker);
    ConsumerLag.awaitZero(
        KAFKA, "newswatch-alert", Topics.CLASSIFIED_ITEMS, Duration.ofSeconds(30));

    as(officer).get("/alerts?subscriptionId={s}", subscription).then().body("total", equalTo(1));
  }

  /** The last subscription change this instance applied, from its readiness check. */
  private static long revision() {
    return RestAssured.given()
        .get("/q/health/ready")
        .then()
        .extract()
        .jsonPath()
        .getLong("checks.find { it.name == 'Subscription index' }.data.revision");
  }

  private static void send(String title) {
    ClassifiedItem item = Fixtures.classified(Fixtures.rawItem(title), Severity.ROUTINE);
    TopicWriter.send(KAFKA, Topics.CLASSIFIED_ITEMS, item.id(), EventJson.writeString(item));
  }

  private static void sql(String statement, Object... parameters) throws SQLException {
    String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    try (Connection connection = DriverManager.getConnection(url, PostgresServer.USER, "");
        PreparedStatement prepared = connection.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        prepared.setObject(i + 1, parameters[i]);
      }
      prepared.executeUpdate();
    }
  }
}
