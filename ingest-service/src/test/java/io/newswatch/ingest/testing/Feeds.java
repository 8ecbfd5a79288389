package io.newswatch.ingest.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What the ingest tests do over and over: register a feed, poll it, read its records. */
public final class Feeds {

  private Feeds() {}

  /** Registers a feed and returns its id. */
  public static long create(String url) {
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

  /** Polls a feed now and returns the report. */
  public static JsonPath refresh(long feedId) {
    return given().post("/feeds/{id}/refresh", feedId).then().statusCode(200).extract().jsonPath();
  }

  /** The feed's status. */
  public static JsonPath status(long feedId) {
    return given().get("/feeds/{id}", feedId).then().statusCode(200).extract().jsonPath();
  }
}
