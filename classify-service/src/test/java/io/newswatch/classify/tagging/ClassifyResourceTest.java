package io.newswatch.classify.tagging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.newswatch.security.Roles;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
@WithTestResource(KafkaTestResource.class)
class ClassifyResourceTest {

  @Test
  void classifiesATextWithTagsEvidenceSeverityAndVersion() {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"title\": \"ISIS-K fighters reported in Badakhshan\","
                + " \"text\": \"Officials in Fayzabad said two were killed.\"}")
        .post("/classify")
        .then()
        .statusCode(200)
        .body(
            "tags.findAll { !it.inferred }.id",
            contains("iskp", "af-badakhshan", "af-fayzabad-city"))
        .body("tags.find { it.id == 'iskp' }.type", equalTo("actor"))
        .body("tags.find { it.id == 'iskp' }.evidence[0].field", equalTo("title"))
        .body("tags.find { it.id == 'iskp' }.evidence[0].start", equalTo(0))
        .body("tags.find { it.id == 'iskp' }.evidence[0].end", equalTo(6))
        .body("tags.find { it.id == 'iskp' }.evidence[0].text", equalTo("ISIS-K"))
        .body("tags.find { it.id == 'af' }.inferred", equalTo(true))
        .body("severity", equalTo("routine"))
        .body("taxonomyVersion", equalTo(TaxonomyLoader.loadDefault().version()));
  }

  @Test
  void aStrongCueWithAnArmedGroupInTheTitleIsFlash() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"Taliban suicide bomber kills six in Kabul\"}")
        .post("/classify")
        .then()
        .statusCode(200)
        .body("severity", equalTo("flash"))
        .body("severityEvidence.text", hasItem("suicide bomber"));
  }

  @Test
  void refusesABodyWithoutTextNamingTheField() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"  \"}")
        .post("/classify")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("text"));
  }

  @Test
  void refusesUnknownFieldsNamingThem() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"Kabul\", \"taxonomyVersion\": \"mine\"}")
        .post("/classify")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("taxonomyVersion"));
  }

  @Test
  void refusesATitleThatIsTooLong() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"" + "a".repeat(1_001) + "\"}")
        .post("/classify")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("title"))
        .body("detail", containsString("at most 1000"))
        .body("detail", not(containsString("aaaa")));
  }
}
