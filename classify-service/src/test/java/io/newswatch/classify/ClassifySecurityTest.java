package io.newswatch.classify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalToIgnoringCase;

import io.newswatch.security.Roles;
import io.newswatch.stack.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Officers may read the taxonomy and try texts; only admins reload it; nobody anonymous. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ClassifySecurityTest {

  @ParameterizedTest
  @ValueSource(strings = {"/taxonomy", "/taxonomy/actors", "/taxonomy/regions/af"})
  void asksForCredentials(String path) {
    given()
        .get(path)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalToIgnoringCase("Basic realm=\"NewsWatch\""));
  }

  @Test
  @TestSecurity(user = "officer", roles = Roles.OFFICER)
  void officersReadTheTaxonomyAndTryTextsButDoNotReloadIt() {
    given().get("/taxonomy").then().statusCode(200);
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"ISIS-K in Badakhshan\", \"text\": \"\"}")
        .post("/classify")
        .then()
        .statusCode(200);
    given().post("/taxonomy/reload").then().statusCode(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/health/ready", "/q/health/live", "/q/metrics"})
  void healthAndMetricsStayOpen(String path) {
    given().get(path).then().statusCode(200);
  }
}
