package io.newswatch.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The user directory of services that keep no users: asks alert-service's {@code GET /users/me}
 * with the caller's credentials. alert-service replaces this bean with its database.
 */
@ApplicationScoped
@DefaultBean
public class RemoteUserDirectory implements UserDirectory {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<URI> directoryUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  RemoteUserDirectory(AuthConfig config) {
    this.directoryUrl = config.directoryUrl();
  }

  @Override
  public Optional<AuthenticatedUser> authenticate(String username, String password) {
    URI base =
        directoryUrl.orElseThrow(
            () ->
                new UserDirectoryUnavailableException(
                    "NEWSWATCH_AUTH_DIRECTORY_URL is not set: nowhere to check users", null));
    String credentials =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/users/me"))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Basic " + credentials)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        return Optional.empty();
      }
      if (response.statusCode() != 200) {
        throw new UserDirectoryUnavailableException(
            "user directory answered HTTP " + response.statusCode(), null);
      }
      JsonNode me = JSON.readTree(response.body());
      return Optional.of(
          new AuthenticatedUser(
              me.path("id").asText(), me.path("username").asText(), me.path("role").asText()));
    } catch (IOException e) {
      throw new UserDirectoryUnavailableException("user directory unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserDirectoryUnavailableException("interrupted", e);
    }
  }
}
