package io.newswatch.classify.taxonomy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.newswatch.security.Roles;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
@WithTestResource(KafkaTestResource.class)
class TaxonomyResourceTest {

  @Test
  void summaryShowsVersionSourceAndCounts() {
    given()
        .get("/taxonomy")
        .then()
        .statusCode(200)
        .body("version", equalTo(TaxonomyLoader.loadDefault().version()))
        .body("source", equalTo(TaxonomyLoader.DEFAULT_SOURCE))
        .body("actors", greaterThanOrEqualTo(50))
        .body("regions", greaterThanOrEqualTo(500))
        .body("regionKinds.province", greaterThan(90))
        .body("scripts.arabic", greaterThan(400))
        .body("scripts.cyrillic", greaterThan(50));
  }

  @Test
  void listsActorsOfAKind() {
    given()
        .queryParam("kind", "armed-group")
        .queryParam("size", 200)
        .get("/taxonomy/actors")
        .then()
        .statusCode(200)
        .body("items.id", hasItems("iskp", "taliban", "ttp"))
        .body("items.kind", everyItem(equalTo("armed-group")))
        .body("total", greaterThan(10));
  }

  @Test
  void refusesAnUnknownKindNamingTheParameter() {
    given()
        .queryParam("kind", "gang")
        .get("/taxonomy/actors")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("kind"));
  }

  @Test
  void showsOneActorWithItsAliases() {
    given()
        .get("/taxonomy/actors/iskp")
        .then()
        .statusCode(200)
        .body("parents", hasItem("islamic-state"))
        .body("aliases.find { it.text == 'ISKP' }.caseSensitive", equalTo(true))
        .body("aliases.script", hasItems("latin", "arabic", "cyrillic"));
  }

  @Test
  void listsTheRegionsWithinARegion() {
    given()
        .queryParam("within", "af-badakhshan")
        .queryParam("size", 200)
        .get("/taxonomy/regions")
        .then()
        .statusCode(200)
        .body("items.id", hasItems("af-fayzabad-city", "af-badakhshan-wakhan"))
        .body("items.id", not(hasItem("af-badakhshan")));
  }

  @Test
  void showsARegionWithParentsAndCoordinates() {
    given()
        .get("/taxonomy/regions/af-badakhshan")
        .then()
        .statusCode(200)
        .body("kind", equalTo("province"))
        .body("parents", hasItem("af"))
        .body("lat", greaterThan(36f));
  }

  @Test
  void anUnknownRegionIsNotFound() {
    given()
        .get("/taxonomy/regions/atlantis")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
