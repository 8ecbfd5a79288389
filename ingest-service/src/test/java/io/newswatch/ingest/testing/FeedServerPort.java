package io.newswatch.ingest.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Quarkus test resource: reserves a loopback port for the tests' feed server and admits it in the
 * URL guard's allow-list ({@code newswatch.fetch.allow}), as an operator would for a local feed
 * server. Tests start a {@link io.newswatch.stack.FeedServer} on {@link #port()}.
 */
public class FeedServerPort implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return Map.of("newswatch.fetch.allow", "127.0.0.1:" + socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the feed server", e);
    }
  }

  @Override
  public void stop() {
    // Nothing runs here: each test starts and stops its own server on the port.
  }

  /** The port the running application admits. */
  public static int port() {
    String allow = ConfigProvider.getConfig().getValue("newswatch.fetch.allow", String.class);
    return Integer.parseInt(allow.substring(allow.lastIndexOf(':') + 1));
  }
}
