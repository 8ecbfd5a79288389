package io.newswatch.classify.taxonomy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.newswatch.security.Roles;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.taxonomy.load.TaxonomyLoader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An override directory reloaded on demand: new data goes live, invalid data is refused. */
@QuarkusTest
@TestSecurity(user = "admin", roles = Roles.ADMIN)
@TestProfile(TaxonomyReloadTest.ManualReload.class)
@WithTestResource(KafkaTestResource.class)
class TaxonomyReloadTest {

  private static final String NEW_GROUP =
      "zz-test-front\tarmed-group\t\t\tTest Liberation Front\tTest Liberation Front\tTLFX";

  /** The override directory with scheduled reloading off, so only POST /taxonomy/reload acts. */
  public static class ManualReload implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "newswatch.classify.taxonomy.path",
          TaxonomyDirectory.of("manual").toString(),
          "newswatch.classify.taxonomy.reload-interval",
          "off");
    }
  }

  private final Path directory = TaxonomyDirectory.of("manual");

  @BeforeEach
  void startFromTheBuiltInData() {
    TaxonomyDirectory.reset(directory, "test.1");
    given().post("/taxonomy/reload").then().statusCode(200);
  }

  @Test
  void readsTheTaxonomyFromTheConfiguredDirectory() {
    given()
        .get("/taxonomy")
        .then()
        .statusCode(200)
        .body("source", equalTo(directory.toString()))
        .body("version", equalTo("test.1"));
  }

  @Test
  void aReloadPutsNewDataToWorkWithoutRestart() {
    TaxonomyDirectory.append(directory, TaxonomyLoader.ACTORS, NEW_GROUP, "test.2");

    given()
        .post("/taxonomy/reload")
        .then()
        .statusCode(200)
        .body("previousVersion", equalTo("test.1"))
        .body("version", equalTo("test.2"))
        .body("changed", equalTo(true));
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"TLFX and the Test Liberation Front in Kunduz\"}")
        .post("/classify")
        .then()
        .statusCode(200)
        .body("tags.id", hasItem("zz-test-front"))
        .body("taxonomyVersion", equalTo("test.2"));
  }

  @Test
  void anInvalidReloadIsRefusedWithEveryProblemAndTheCurrentTaxonomyStays() {
    TaxonomyDirectory.append(
        directory,
        TaxonomyLoader.REGIONS,
        "zz-nowhere\tdistrict\taf-atlantis\tNowhere\t\t\t\tNowhere District\t",
        "test.3");

    given()
        .post("/taxonomy/reload")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("still using test.1"))
        .body("errors.field", hasItem("regions.tsv"))
        .body("errors.message", hasItem(containsString("parent 'af-atlantis' of zz-nowhere")));
    given().get("/taxonomy").then().body("version", equalTo("test.1"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"Nowhere District\"}")
        .post("/classify")
        .then()
        .statusCode(200)
        .body("tags.id", not(hasItem("zz-nowhere")))
        .body("taxonomyVersion", equalTo("test.1"));
  }
}
