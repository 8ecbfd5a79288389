package io.newswatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server that answers like alert-service's {@code GET /users/me}. */
class RemoteUserDirectoryTest {

  private HttpServer server;
  private final AtomicReference<String> receivedAuthorization = new AtomicReference<>();
  private volatile int status = 200;

  @BeforeEach
  void startDirectory() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/users/me",
        exchange -> {
          receivedAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              "{\"id\":\"7\",\"username\":\"ana\",\"role\":\"officer\",\"createdAt\":\"x\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
          if (status == 200) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopDirectory() {
    server.stop(0);
  }

  private RemoteUserDirectory directory() {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new RemoteUserDirectory(config(Optional.of(url)));
  }

  @Test
  void forwardsTheCredentialsAndReturnsTheUser() {
    Optional<AuthenticatedUser> user = directory().authenticate("ana", "pässword:with:colons");

    assertThat(user).contains(new AuthenticatedUser("7", "ana", Roles.OFFICER));
    assertThat(receivedAuthorization.get())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("ana:pässword:with:colons".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void wrongCredentialsAreNoUser() {
    status = 401;

    assertThat(directory().authenticate("ana", "wrong")).isEmpty();
  }

  @Test
  void aFailingDirectoryIsUnavailableNotAWrongPassword() {
    status = 500;

    assertThatThrownBy(() -> directory().authenticate("ana", "pw"))
        .isInstanceOf(UserDirectoryUnavailableException.class)
        .hasMessageContaining("HTTP 500");
  }

  @Test
  void anUnreachableOrMissingDirectoryIsUnavailable() {
    server.stop(0);

    assertThatThrownBy(() -> directory().authenticate("ana", "pw"))
        .isInstanceOf(UserDirectoryUnavailableException.class);
    assertThatThrownBy(
            () -> new RemoteUserDirectory(config(Optional.empty())).authenticate("ana", "pw"))
        .isInstanceOf(UserDirectoryUnavailableException.class)
        .hasMessageContaining("NEWSWATCH_AUTH_DIRECTORY_URL");
  }

  private static AuthConfig config(Optional<URI> url) {
    return new AuthConfig() {
      @Override
      public Optional<URI> directoryUrl() {
        return url;
      }

      @Override
      public Duration cacheTimeToLive() {
        return Duration.ofSeconds(30);
      }
    };
  }
}
