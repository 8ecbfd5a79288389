package io.newswatch.alert.alert;

import static io.newswatch.alert.TestUsers.as;
import static io.newswatch.alert.TestUsers.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.newswatch.alert.TestUsers;
import io.newswatch.events.ClassifiedItem;
import io.newswatch.events.EventJson;
import io.newswatch.events.Severity;
import io.newswatch.events.Topics;
import io.newswatch.stack.testing.Fixtures;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.newswatch.stack.testing.SharedServers;
import io.newswatch.stack.testing.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AlertResourceTest {

  private static final String KAFKA = SharedServers.kafkaBootstrapServers();

  private String officer;
  private String marker;
  private String subscription;

  @BeforeEach
  void subscribed() {
    officer = TestUsers.newOfficer();
    marker = "m" + UUID.randomUUID().toString().replace("-", "");
    subscription =
        as(officer)
            .contentType(ContentType.JSON)
            .body("{\"name\": \"watch\", \"query\": \"" + marker + "\"}")
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
  }

  @Test
  void anAlertGoesFromNewToAcknowledgedToResolvedWithWhoAndWhen() {
    String alert = alertFor("Convoy attacked " + marker, Severity.PRIORITY);
    as(officer).get("/alerts/{id}", alert).then().body("status", equalTo("new"));

    as(officer)
        .post("/alerts/{id}/ack", alert)
        .then()
        .statusCode(200)
        .body("status", equalTo("acknowledged"))
        .body("acknowledgedBy", equalTo(officer))
        .body("acknowledgedAt", notNullValue())
        .body("resolvedBy", nullValue());
    as(officer).post("/alerts/{id}/ack", alert).then().statusCode(200);
    asAdmin()
        .post("/alerts/{id}/resolve", alert)
        .then()
        .statusCode(200)
        .body("status", equalTo("resolved"))
        .body("acknowledgedBy", equalTo(officer))
        .body("resolvedBy", equalTo(TestUsers.ADMIN))
        .body("resolvedAt", notNullValue());

    as(officer)
        .post("/alerts/{id}/ack", alert)
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    asAdmin()
        .get("/audit?entityType=alert&entityId={id}", alert)
        .then()
        .body("items.after.status", equalTo(List.of("resolved", "acknowledged")));
  }

  @Test
  void resolvingANewAlertAcknowledgesItToo() {
    String alert = alertFor("Convoy attacked " + marker, Severity.ROUTINE);

    as(officer)
        .post("/alerts/{id}/resolve", alert)
        .then()
        .body("status", equalTo("resolved"))
        .body("acknowledgedBy", equalTo(officer))
        .body("resolvedBy", equalTo(officer));
  }

  @Test
  void anotherOfficerCannotSeeOrWorkAnAlert() {
    String alert = alertFor("Convoy attacked " + marker, Severity.ROUTINE);
    String other = TestUsers.newOfficer();

    as(other).post("/alerts/{id}/ack", alert).then().statusCode(404);
    as(other).post("/alerts/{id}/resolve", alert).then().statusCode(404);
    as(officer).get("/alerts/{id}", alert).then().body("status", equalTo("new"));
    io.restassured.RestAssured.given().post("/alerts/{id}/ack", alert).then().statusCode(401);
  }

  @Test
  void filtersByStatusSeveritySubscriptionAndTime() {
    Instant before = Instant.now().minusSeconds(1);
    String routine = alertFor("Routine " + marker, Severity.ROUTINE);
    String flash = alertFor("Flash " + marker, Severity.FLASH);
    as(officer).post("/alerts/{id}/ack", flash).then().statusCode(200);

    as(officer)
        .get("/alerts?subscriptionId={s}&status=new", subscription)
        .then()
        .body("total", equalTo(1))
        .body("items[0].id", equalTo(routine));
    as(officer)
        .get("/alerts?subscriptionId={s}&severity=flash&severity=priority", subscription)
        .then()
        .body("total", equalTo(1))
        .body("items[0].id", equalTo(flash));
    as(officer)
        .queryParam("since", before.toString())
        .get("/alerts?subscriptionId={s}&status=new,acknowledged", subscription)
        .then()
        .body("total", equalTo(2));
    as(officer)
        .queryParam("until", before.toString())
        .get("/alerts?subscriptionId={s}", subscription)
        .then()
        .body("total", equalTo(0));
    as(officer)
        .get("/alerts?subscriptionId={s}&size=1&page=1", subscription)
        .then()
        .body("total", equalTo(2))
        .body("items.size()", equalTo(1))
        .body("items[0].id", equalTo(routine));
  }

  @Test
  void refusesAnInvalidFilterNamingTheParameter() {
    for (String[] bad :
        new String[][] {
          {"status=open", "status"},
          {"severity=urgent", "severity"},
          {"since=yesterday", "since"},
          {"subscriptionId=nope", "subscriptionId"}
        }) {
      as(officer)
          .get("/alerts?" + bad[0])
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem(bad[1]));
    }
  }

  private String alertFor(String title, Severity severity) {
    ClassifiedItem item = Fixtures.classified(Fixtures.rawItem(title), severity);
    TopicWriter.send(KAFKA, Topics.CLASSIFIED_ITEMS, item.id(), EventJson.writeString(item));
    String id =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    as(officer)
                        .get("/alerts?subscriptionId={s}&size=200", subscription)
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("items.findAll { it.itemId == '" + item.id() + "' }.id"),
                ids -> ids.size() == 1)
            .get(0);
    assertThat(id).isNotBlank();
    return id;
  }
}
