package io.newswatch.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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
class FeedResourceTest {

  @Test
  void createsAFeedWith201AndItsLocation() {
    String location =
        given()
            .contentType(ContentType.JSON)
            .body("{\"url\": \"https://news.example.org/created.xml\", \"name\": \"Example\"}")
            .when()
            .post("/feeds")
            .then()
            .statusCode(201)
            .header("Location", containsString("/feeds/"))
            .body("url", equalTo("https://news.example.org/created.xml"))
            .body("name", equalTo("Example"))
            .body("consecutiveFailures", equalTo(0))
            .extract()
            .header("Location");

    given().when().get(location).then().statusCode(200).body("name", equalTo("Example"));
  }

  @Test
  void refusesAUrlThatIsNotHttpNamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"file:///etc/passwd\"}")
        .when()
        .post("/feeds")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("errors[0].field", equalTo("url"))
        .body("errors[0].message", containsString("http or https"));
  }

  @Test
  void refusesAMissingUrlNamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"nameless\"}")
        .when()
        .post("/feeds")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("url"))
        .body("detail", not(containsString("io.newswatch")));
  }

  @Test
  void refusesBrokenJsonWithAProblemNotAStackTrace() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": ")
        .when()
        .post("/feeds")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("not valid JSON"));
  }

  @Test
  void refusesAWrongTypeNamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": [\"https://news.example.org/x\"]}")
        .when()
        .post("/feeds")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("url"))
        .body("errors[0].message", equalTo("expected a string"));
  }

  @Test
  void refusesTheSameUrlTwiceWith409() {
    String body = "{\"url\": \"https://news.example.org/twice.xml\"}";
    given().contentType(ContentType.JSON).body(body).post("/feeds").then().statusCode(201);

    given()
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/feeds")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("url"));
  }

  @Test
  void answersAnUnknownFeedWith404Problem() {
    given()
        .when()
        .get("/feeds/999999")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("feed 999999 not found"));
  }

  @Test
  void listsFeedsInPagesAndRefusesAnOversizedPage() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"https://news.example.org/listed.xml\"}")
        .post("/feeds")
        .then()
        .statusCode(201);

    given()
        .when()
        .get("/feeds?size=1")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("total", notNullValue())
        .body("size", equalTo(1));
    given()
        .when()
        .get("/feeds?size=5000")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("size"))
        .body("errors[0].message", endsWith("at most 200"));
  }
}
