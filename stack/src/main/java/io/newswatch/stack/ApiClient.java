package io.newswatch.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newswatch.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small JSON client for the services' REST APIs, signed in with HTTP Basic. */
final class ApiClient {

  private static final ObjectMapper JSON = EventJson.mapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An answer that was not 2xx, with its status and body for the message. */
  static final class ApiException extends IOException {
    private final int status;

    ApiException(String method, URI uri, int status, String body) {
      super(method + " " + uri + " answered " + status + (body.isBlank() ? "" : ": " + body));
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final String authorization;

  private ApiClient(String authorization) {
    this.authorization = authorization;
  }

  /** A client signed in as this user. */
  static ApiClient as(String username, String password) {
    return new ApiClient(
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** A client signed in as these credentials. */
  static ApiClient as(LocalStack.Credentials credentials) {
    return as(credentials.username(), credentials.password());
  }

  JsonNode get(URI uri) throws IOException, InterruptedException {
    return send(request(uri).GET().build());
  }

  /** POSTs a JSON body, or nothing when {@code json} is null. */
  JsonNode post(URI uri, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(uri);
    if (json == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json));
    }
    return send(request.build());
  }

  /** POSTs a body of another type, e.g. an OPML document. */
  JsonNode post(URI uri, String contentType, byte[] body) throws IOException, InterruptedException {
    return send(
        request(uri)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  /** The JSON string for a value, quoted and escaped. */
  static String quote(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Whether a URL answers 200 within two seconds, e.g. {@code /q/health/ready}; no credentials. */
  static boolean answers200(URI uri) {
    try {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", authorization)
        .header("Accept", "application/json");
  }

  private static JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new ApiException(
          request.method(), request.uri(), response.statusCode(), response.body());
    }
    String body = response.body();
    return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
  }
}
