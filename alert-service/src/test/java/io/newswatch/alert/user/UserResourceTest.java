package io.newswatch.alert.user;

import static io.newswatch.alert.TestUsers.as;
import static io.newswatch.alert.TestUsers.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.newswatch.alert.TestUsers;
import io.newswatch.stack.testing.KafkaTestResource;
import io.newswatch.stack.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class UserResourceTest {

  @ParameterizedTest
  @ValueSource(strings = {"/subscriptions", "/alerts", "/users", "/users/me", "/audit"})
  void everyApiAsksForCredentials(String path) {
    given()
        .get(path)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalToIgnoringCase("Basic realm=\"NewsWatch\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi"})
  void healthMetricsAndTheApiDocumentStayOpen(String path) {
    given().get(path).then().statusCode(200);
  }

  @Test
  void aWrongPasswordIsRefused() {
    as(TestUsers.ADMIN, "not-the-password").get("/users/me").then().statusCode(401);
  }

  @Test
  void anAdminCreatesAnOfficerWhoCanSignIn() {
    String location =
        asAdmin()
            .contentType(ContentType.JSON)
            .body(
                "{\"username\": \"ana.officer\", \"password\": \"a-long-password-1\","
                    + " \"role\": \"officer\"}")
            .post("/users")
            .then()
            .statusCode(201)
            .header("Location", containsString("/users/"))
            .body("username", equalTo("ana.officer"))
            .body("role", equalTo("officer"))
            .body(not(containsString("password")))
            .extract()
            .header("Location");

    as("ana.officer", "a-long-password-1")
        .get("/users/me")
        .then()
        .statusCode(200)
        .body("username", equalTo("ana.officer"));
    asAdmin().get(location).then().statusCode(200);
  }

  @Test
  void anOfficerMayNotManageUsers() {
    String officer = TestUsers.newOfficer();

    as(officer).get("/users").then().statusCode(403);
    as(officer)
        .contentType(ContentType.JSON)
        .body(
            "{\"username\": \"sneaky\", \"password\": \"a-long-password-1\", \"role\": \"admin\"}")
        .post("/users")
        .then()
        .statusCode(403);
    as(officer).get("/audit").then().statusCode(403);
  }

  @Test
  void refusesAShortPasswordAndAnUnknownRoleNamingTheFields() {
    asAdmin()
        .contentType(ContentType.JSON)
        .body("{\"username\": \"bob\", \"password\": \"short\", \"role\": \"root\"}")
        .post("/users")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("password"))
        .body("errors.field", hasItem("role"))
        .body(not(containsString("short")));
  }

  @Test
  void refusesATakenUserNameWith409() {
    String officer = TestUsers.newOfficer();

    asAdmin()
        .contentType(ContentType.JSON)
        .body(
            "{\"username\": \""
                + officer
                + "\", \"password\": \"a-long-password-1\","
                + " \"role\": \"officer\"}")
        .post("/users")
        .then()
        .statusCode(409)
        .body("errors[0].field", equalTo("username"));
  }

  @Test
  void aDeletedUserCanNoLongerSignIn() {
    String officer = TestUsers.newOfficer();
    String id = as(officer).get("/users/me").then().statusCode(200).extract().path("id");

    asAdmin().delete("/users/{id}", id).then().statusCode(204);

    as(officer).get("/users/me").then().statusCode(401);
  }

  @Test
  void anAdminCannotDeleteThemselves() {
    String id = asAdmin().get("/users/me").then().extract().path("id");

    asAdmin().delete("/users/{id}", id).then().statusCode(409);
  }
}
