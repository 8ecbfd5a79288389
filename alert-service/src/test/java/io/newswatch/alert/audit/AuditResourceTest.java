package io.newswatch.alert.audit;

import static io.newswatch.alert.TestUsers.as;
import static io.newswatch.alert.TestUsers.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.newswatch.alert.TestUsers;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class AuditResourceTest {

  @Test
  void recordsWhoCreatedChangedAndDeletedASubscriptionWithBeforeAndAfter() {
    String officer = TestUsers.newOfficer();
    String id =
        as(officer)
            .contentType(ContentType.JSON)
            .body("{\"name\": \"first\", \"query\": \"ISKP\"}")
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as(officer)
        .contentType(ContentType.JSON)
        .body("{\"name\": \"second\", \"query\": \"ISKP Kunduz\"}")
        .put("/subscriptions/{id}", id)
        .then()
        .statusCode(200);
    as(officer).delete("/subscriptions/{id}", id).then().statusCode(204);

    asAdmin()
        .get("/audit?entityType=subscription&entityId={id}", id)
        .then()
        .statusCode(200)
        .body("total", equalTo(3))
        .body("items.action", contains("delete", "update", "create"))
        .body("items.actor", contains(officer, officer, officer))
        .body("items[2].before", nullValue())
        .body("items[2].after.name", equalTo("first"))
        .body("items[1].before.name", equalTo("first"))
        .body("items[1].after.query", equalTo("ISKP Kunduz"))
        .body("items[0].after", nullValue());
  }

  @Test
  void userEntriesNeverHoldThePassword() {
    String officer = TestUsers.newOfficer();

    asAdmin()
        .get("/audit?entityType=user&actor=admin")
        .then()
        .statusCode(200)
        .body(containsString(officer))
        .body(not(containsString(TestUsers.passwordOf(officer))))
        .body(not(containsString("passwordHash")))
        .body(not(containsString("$2a$")));
  }

  @Test
  void channelSecretsAreMasked() {
    String officer = TestUsers.newOfficer();

    String id =
        as(officer)
            .contentType(ContentType.JSON)
            .body(
                "{\"name\": \"hook\", \"query\": \"ISKP\", \"channels\": [{\"type\": \"webhook\","
                    + " \"url\": \"https://hooks.example.org/x\", \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]}")
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .body(not(containsString("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
            .extract()
            .path("id");

    asAdmin()
        .get("/audit?entityId={id}", id)
        .then()
        .body("total", equalTo(1))
        .body(not(containsString("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
  }
}
