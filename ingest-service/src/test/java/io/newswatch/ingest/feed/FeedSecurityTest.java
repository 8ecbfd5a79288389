package io.newswatch.ingest.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalToIgnoringCase;

import io.newswatch.security.Roles;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The feeds API is for admins only; health and metrics stay open. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class FeedSecurityTest {

  @ParameterizedTest
  @ValueSource(strings = {"/feeds", "/feeds/1", "/feeds/export"})
  void asksForCredentials(String path) {
    given()
        .get(path)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalToIgnoringCase("Basic realm=\"NewsWatch\""));
  }

  @Test
  void refusesCredentialsNobodyCanCheckRatherThanLettingThemIn() {
    // No user directory is configured in tests: credentials cannot be verified, so they fail.
    given().auth().preemptive().basic("admin", "anything").get("/feeds").then().statusCode(401);
  }

  @Test
  @TestSecurity(user = "officer", roles = Roles.OFFICER)
  void refusesOfficers() {
    given().get("/feeds").then().statusCode(403);
    given().post("/feeds/1/refresh").then().statusCode(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/health/ready", "/q/health/live", "/q/metrics"})
  void healthAndMetricsStayOpen(String path) {
    given().get(path).then().statusCode(200);
  }
}
