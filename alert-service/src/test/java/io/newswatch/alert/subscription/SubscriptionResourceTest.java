package io.newswatch.alert.subscription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class SubscriptionResourceTest {

  @Test
  void createsASubscriptionWith201AndItsLocation() {
    String location =
        given()
            .contentType(ContentType.JSON)
            .body("{\"name\": \"ISKP watch\", \"query\": \"ISKP\"}")
            .when()
            .post("/subscriptions")
            .then()
            .statusCode(201)
            .header("Location", containsString("/subscriptions/"))
            .body("id", notNullValue())
            .body("query", equalTo("ISKP"))
            .extract()
            .header("Location");

    given().get(location).then().statusCode(200).body("name", equalTo("ISKP watch"));
  }

  @Test
  void refusesAnIdOrTimestampInTheBody() {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"id\": \"00000000-0000-0000-0000-000000000001\", \"name\": \"n\", \"query\": \"q\","
                + " \"createdAt\": \"2000-01-01T00:00:00Z\"}")
        .when()
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("id"))
        .body("errors.message", hasItem("unknown field"));
  }

  @Test
  void refusesAMissingQueryNamingTheField() {
    given()
        .contentType(ContentType.JSON)
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
    String query = "a ".repeat(20) + "extra";

    given()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"long\", \"query\": \"" + query + "\"}")
        .when()
        .post("/subscriptions")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("query"))
        .body(
            "errors[0].message", equalTo("syntax error at position 40: expected at most 20 terms"));
  }

  @Test
  void answersAnUnknownSubscriptionWith404() {
    given()
        .get("/subscriptions/00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void servesTheOpenApiDocument() {
    given().get("/q/openapi?format=json").then().statusCode(200).body("paths", notNullValue());
  }
}
