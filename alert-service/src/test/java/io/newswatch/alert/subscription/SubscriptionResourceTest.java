package io.newswatch.alert.subscription;

import static io.newswatch.alert.TestUsers.as;
import static io.newswatch.alert.TestUsers.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.newswatch.alert.TestUsers;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class SubscriptionResourceTest {

  private String officer;

  @BeforeEach
  void newOfficer() {
    officer = TestUsers.newOfficer();
  }

  private RequestSpecification json() {
    return as(officer).contentType(ContentType.JSON);
  }

  @Test
  void createsASubscriptionWith201AndItsLocation() {
    String location =
        json()
            .body("{\"name\": \"ISKP watch\", \"query\": \"ISKP\", \"minSeverity\": \"priority\"}")
            .when()
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .header("Location", containsString("/subscriptions/"))
            .body("id", notNullValue())
            .body("query", equalTo("ISKP"))
            .body("minSeverity", equalTo("priority"))
            .body("enabled", equalTo(true))
            .extract()
            .header("Location");

    as(officer).get(location).then().statusCode(200).body("name", equalTo("ISKP watch"));
  }

  @Test
  void refusesAnIdOwnerOrTimestampInTheBody() {
    json()
        .body(
            "{\"id\": \"00000000-0000-0000-0000-000000000001\", \"name\": \"n\", \"query\": \"q\","
                + " \"ownerId\": \"00000000-0000-0000-0000-000000000002\","
                + " \"createdAt\": \"2000-01-01T00:00:00Z\"}")
        .when()
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.message", hasItem("unknown field"));
  }

  @Test
  void refusesAMissingQueryNamingTheField() {
    json()
        .body("{\"name\": \"no query\"}")
        .when()
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("query"))
        .body("errors[0].message", equalTo("is required"));
  }

  @Test
  void refusesAQueryWithTooManyTermsNamingThePosition() {
    String query = "a ".repeat(32) + "extra";

    json()
        .body("{\"name\": \"long\", \"query\": \"" + query + "\"}")
        .when()
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("query"))
        .body(
            "errors[0].message", equalTo("syntax error at position 64: expected at most 32 terms"));
  }

  @Test
  void refusesAQuerySyntaxErrorWithThePositionAndWhatWasExpected() {
    json()
        .body("{\"name\": \"n\", \"query\": \"(ISKP OR Taliban\"}")
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("query"))
        .body(
            "errors[0].message",
            equalTo("syntax error at position 16: expected ')' to close the '(' at position 0"));
    json()
        .body("{\"name\": \"n\", \"query\": \"ISKP region:Atlantis\"}")
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .body(
            "errors[0].message", containsString("position 12: expected a region of the taxonomy"));
  }

  @Test
  void previewsAQueryOnAPostedTextWithWhatMatched() {
    json()
        .body(
            "{\"query\": \"ISKP region:Badakhshan\", \"text\": {\"title\": \"Islamic State"
                + " Khorasan Province claims attack\", \"text\": \"Officials in Fayzabad said two"
                + " were killed.\"}}")
        .post("/subscriptions/preview")
        .then()
        .statusCode(200)
        .body("searched", equalTo(1))
        .body("matches[0].itemId", nullValue())
        .body("matches[0].matches.term", hasItem("ISKP"))
        .body("matches[0].matches.text", hasItem("Islamic State Khorasan Province"))
        .body("matches[0].matches.text", hasItem("Fayzabad"))
        .body("matches[0].tags.id", hasItem("iskp"));
    json()
        .body("{\"query\": \"Taliban\", \"text\": {\"title\": \"Wheat prices in Herat\"}}")
        .post("/subscriptions/preview")
        .then()
        .statusCode(200)
        .body("matches.size()", equalTo(0));
    json()
        .body("{\"query\": \"NOT Taliban\", \"items\": 10}")
        .post("/subscriptions/preview")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("query"));
    json()
        .body("{\"query\": \"Taliban\", \"items\": 5000}")
        .post("/subscriptions/preview")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("items"));
    io.restassured.RestAssured.given()
        .contentType(ContentType.JSON)
        .body("{\"query\": \"Taliban\"}")
        .post("/subscriptions/preview")
        .then()
        .statusCode(401);
  }

  @Test
  void refusesAnUnknownSeverityAndChannelType() {
    json()
        .body("{\"name\": \"n\", \"query\": \"q\", \"minSeverity\": \"urgent\"}")
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("minSeverity"))
        .body("errors[0].message", equalTo("expected one of routine, priority, flash"));
    json()
        .body("{\"name\": \"n\", \"query\": \"q\", \"channels\": [{\"type\": \"pigeon\"}]}")
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("channels[0].type"));
  }

  @Test
  void webhookSecretsAreNeverShownAndStormSettingsHaveDefaults() {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String id =
        json()
            .body(
                "{\"name\": \"n\", \"query\": \"ISKP\", \"channels\": [{\"type\": \"webhook\","
                    + " \"url\": \"https://hooks.example.org/nw\", \"secret\": \""
                    + secret
                    + "\"}]}")
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .body("channels[0].secret", equalTo("********"))
            .body("channels[0].format", equalTo("standard"))
            .body("rateLimit.messages", equalTo(10))
            .body("rateLimit.window", equalTo("PT15M"))
            .body("quietHours", nullValue())
            .extract()
            .path("id");
    json()
        .body(
            "{\"name\": \"n\", \"query\": \"ISKP\", \"channels\": [{\"type\": \"webhook\","
                + " \"url\": \"https://hooks.example.org/nw\", \"secret\": \"********\"}],"
                + " \"rateLimit\": {\"messages\": 3, \"window\": \"PT5M\"},"
                + " \"quietHours\": {\"start\": \"22:00\", \"end\": \"06:30\","
                + " \"timeZone\": \"Asia/Kabul\"}}")
        .put("/subscriptions/{id}", id)
        .then()
        .statusCode(200)
        .body("rateLimit.messages", equalTo(3))
        .body("rateLimit.window", equalTo("PT5M"))
        .body("quietHours.start", equalTo("22:00"))
        .body("quietHours.end", equalTo("06:30"))
        .body("quietHours.timeZone", equalTo("Asia/Kabul"));
    asAdmin()
        .get("/audit?entityId={id}", id)
        .then()
        .statusCode(200)
        .body(not(containsString(secret)));
  }

  @Test
  void refusesUnsafeWebhooksAndInvalidStormSettings() {
    json()
        .body(
            "{\"name\": \"n\", \"query\": \"q\", \"channels\": [{\"type\": \"webhook\","
                + " \"url\": \"http://169.254.169.254/latest\", \"secret\":"
                + " \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}],"
                + " \"rateLimit\": {\"messages\": 0, \"window\": \"PT1S\"},"
                + " \"quietHours\": {\"start\": \"25:00\", \"end\": \"06:00\","
                + " \"timeZone\": \"Mars/Olympus\"}}")
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("channels[0].url"))
        .body("errors.field", hasItem("rateLimit.messages"))
        .body("errors.field", hasItem("rateLimit.window"))
        .body("errors.field", hasItem("quietHours.start"))
        .body("errors.field", hasItem("quietHours.timeZone"));
  }

  @Test
  void anotherOfficersSubscriptionIsNotFoundAndNotListed() {
    String id =
        json()
            .body("{\"name\": \"mine\", \"query\": \"Kunduz\"}")
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String other = TestUsers.newOfficer();

    as(other).get("/subscriptions/{id}", id).then().statusCode(404);
    as(other)
        .contentType(ContentType.JSON)
        .body("{\"name\": \"stolen\", \"query\": \"x\"}")
        .put("/subscriptions/{id}", id)
        .then()
        .statusCode(404);
    as(other).delete("/subscriptions/{id}", id).then().statusCode(404);
    as(other).get("/subscriptions").then().body("total", equalTo(0));
    as(officer).get("/subscriptions").then().body("items.id", hasItem(id));
    asAdmin().get("/subscriptions?size=200").then().body("items.id", hasItem(id));
    as(officer).get("/subscriptions/{id}", id).then().body("name", equalTo("mine"));
  }

  @Test
  void updatesAndDeletesTheCallersSubscription() {
    String id =
        json()
            .body("{\"name\": \"old\", \"query\": \"Kunduz\"}")
            .post("/subscriptions")
            .then()
            .extract()
            .path("id");

    json()
        .body("{\"name\": \"new\", \"query\": \"Kunduz clashes\", \"enabled\": false}")
        .put("/subscriptions/{id}", id)
        .then()
        .statusCode(200)
        .body("name", equalTo("new"))
        .body("enabled", equalTo(false));
    as(officer).delete("/subscriptions/{id}", id).then().statusCode(204);
    as(officer).get("/subscriptions/{id}", id).then().statusCode(404);
  }

  @Test
  void answersAnUnknownSubscriptionWith404() {
    as(officer)
        .get("/subscriptions/00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body(not(containsString("Exception")));
  }

  @Test
  void servesTheOpenApiDocument() {
    io.restassured.RestAssured.given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths", notNullValue());
  }
}
