package io.newswatch.alert;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/**
 * Signed-in callers for REST tests: the first admin, and officers made on demand through the API.
 */
public final class TestUsers {

  /** The first admin, from {@code %test.newswatch.admin.password}. */
  public static final String ADMIN = "admin";

  public static final String ADMIN_PASSWORD = "test-admin-password";

  private TestUsers() {}

  /** Requests as the first admin. */
  public static RequestSpecification asAdmin() {
    return as(ADMIN, ADMIN_PASSWORD);
  }

  /** Requests as the given user. */
  public static RequestSpecification as(String username, String password) {
    return given().auth().preemptive().basic(username, password);
  }

  /** A new officer with a unique name; returns their user name (the password is passwordOf). */
  public static String newOfficer() {
    return newUser("officer");
  }

  /** A new user with a unique name and the given role. */
  public static String newUser(String role) {
    String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
    asAdmin()
        .contentType(ContentType.JSON)
        .body(
            "{\"username\": \""
                + username
                + "\", \"password\": \""
                + passwordOf(username)
                + "\", \"role\": \""
                + role
                + "\"}")
        .post("/users")
        .then()
        .statusCode(201);
    return username;
  }

  /** The password {@link #newUser} gave a user. */
  public static String passwordOf(String username) {
    return "pw-of-" + username + "-long-enough";
  }

  /** Requests as a user made by {@link #newUser}. */
  public static RequestSpecification as(String username) {
    return as(username, passwordOf(username));
  }
}
