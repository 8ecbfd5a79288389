package io.newswatch.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.newswatch.ingest.testing.FeedServerPort;
import io.newswatch.security.Roles;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The feeds API: registration, validation, the URL guard at creation, changes, OPML. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FeedServerPort.class)
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
            .body("pollIntervalSeconds", equalTo(300))
            .body("enabled", equalTo(true))
            .body("nextPollAt", notNullValue())
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

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(
      strings = {
        "http://127.0.0.1/feed",
        "http://localhost/feed",
        "http://[::1]/feed",
        "http://[::ffff:127.0.0.1]/feed",
        "http://0.0.0.0/feed",
        "http://2130706433/feed",
        "http://0177.0.0.1/feed",
        "http://0x7f000001/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/feed",
        "http://172.16.0.1/feed",
        "http://192.168.1.1/feed",
        "http://100.64.0.1/feed",
        "http://[fc00::1]/feed",
        "http://[fe80::1]/feed",
        "file:///etc/passwd",
        "jar:file:/tmp/x.jar!/feed.xml",
        "gopher://news.example.org/feed",
        "ftp://news.example.org/feed.xml",
        "https://news.example.org:8443/feed",
      })
  void refusesEveryLocalAddressFormAndOtherSchemesNamingTheUrlField(String url) {
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + url + "\"}")
        .when()
        .post("/feeds")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("url"))
        .body("errors[0].message", not(containsString("127")));
  }

  @Test
  void refusesAPollIntervalBelowTheFloorOrAboveAWeekNamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"https://news.example.org/fast.xml\", \"pollIntervalSeconds\": 30}")
        .post("/feeds")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("pollIntervalSeconds"))
        .body("errors[0].message", equalTo("must be at least 60"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"https://news.example.org/slow.xml\", \"pollIntervalSeconds\": 9999999}")
        .post("/feeds")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("pollIntervalSeconds"));
  }

  @Test
  void updatesUrlNameAndIntervalAndRefusesAUrlTakenByAnotherFeed() {
    long id = create("https://news.example.org/before.xml");
    create("https://news.example.org/taken.xml");

    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"url\": \"https://news.example.org/after.xml\", \"name\": \"After\","
                + " \"pollIntervalSeconds\": 600}")
        .put("/feeds/{id}", id)
        .then()
        .statusCode(200)
        .body("url", equalTo("https://news.example.org/after.xml"))
        .body("name", equalTo("After"))
        .body("pollIntervalSeconds", equalTo(600));
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"https://news.example.org/taken.xml\"}")
        .put("/feeds/{id}", id)
        .then()
        .statusCode(409)
        .body("errors[0].field", equalTo("url"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"http://10.0.0.1/x\"}")
        .put("/feeds/{id}", id)
        .then()
        .statusCode(400)
        .body("errors[0].message", equalTo("refers to a private address"));
  }

  @Test
  void pausesAndResumesAFeedShowingWhyItIsNotPolled() {
    long id = create("https://news.example.org/pausable.xml");

    given()
        .post("/feeds/{id}/pause", id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("disabledReason", equalTo("paused by an admin"));
    given()
        .post("/feeds/{id}/resume", id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true))
        .body("disabledReason", nullValue());
  }

  @Test
  void deletesAFeed() {
    long id = create("https://news.example.org/deleted.xml");

    given().delete("/feeds/{id}", id).then().statusCode(204);

    given().get("/feeds/{id}", id).then().statusCode(404);
    given().delete("/feeds/{id}", id).then().statusCode(404);
  }

  @Test
  void importsOpmlReportingEachOutlineAndExportsItBack() {
    create("https://news.example.org/already.xml");
    String opml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0"><head><title>Mine</title></head><body>
          <outline text="Folder">
            <outline type="rss" text="New desk" xmlUrl="https://news.example.org/imported.xml"/>
            <outline type="rss" text="Old desk" xmlUrl="https://news.example.org/already.xml"/>
          </outline>
          <outline type="rss" text="Twice" xmlUrl="https://news.example.org/imported.xml"/>
          <outline type="rss" text="Inside" xmlUrl="http://192.168.0.10/feed"/>
          <outline type="rss" text="Odd" xmlUrl="gopher://news.example.org/"/>
        </body></opml>
        """;

    given()
        .contentType("text/x-opml")
        .body(opml)
        .queryParam("pollIntervalSeconds", 900)
        .post("/feeds/import")
        .then()
        .statusCode(200)
        .body("added", equalTo(1))
        .body("duplicates", equalTo(2))
        .body("rejected", equalTo(2))
        .body(
            "outlines.outcome", contains("added", "duplicate", "duplicate", "rejected", "rejected"))
        .body("outlines[3].reason", equalTo("url refers to a private address"))
        .body("outlines[4].reason", equalTo("url must be an absolute http or https URL"));

    String exported =
        given()
            .get("/feeds/export")
            .then()
            .statusCode(200)
            .contentType("text/x-opml")
            .extract()
            .asString();
    assertThat(exported)
        .contains("xmlUrl=\"https://news.example.org/imported.xml\"")
        .contains("title=\"New desk\"")
        .contains("xmlUrl=\"https://news.example.org/already.xml\"");
  }

  @Test
  void refusesAnOpmlFileWithADoctypeNamingTheBody() {
    given()
        .contentType("text/x-opml")
        .body("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x \"y\">]><opml/>")
        .post("/feeds/import")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("body"))
        .body(
            "errors[0].message",
            equalTo("not readable OPML: DOCTYPE declarations are not allowed"));
  }

  private static long create(String url) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + url + "\"}")
        .post("/feeds")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }
}
