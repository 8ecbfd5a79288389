package io.newswatch.system;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.net.URI;

/** Watch officers that system tests create through alert-service's users API, as its admin. */
public final class Officers {

  private Officers() {}

  /** Creates an officer; fails the test unless alert-service answers 201. */
  public static void create(
      URI alertService,
      String adminUsername,
      String adminPassword,
      String username,
      String password) {
    given()
        .baseUri(alertService.toString())
        .auth()
        .preemptive()
        .basic(adminUsername, adminPassword)
        .contentType(ContentType.JSON)
        .body(
            "{\"username\": \""
                + username
                + "\", \"password\": \""
                + password
                + "\", \"role\": \"officer\"}")
        .post("/users")
        .then()
        .statusCode(201);
  }
}
