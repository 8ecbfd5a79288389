package io.newswatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks free TCP ports on the loopback interface. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * A port that was free a moment ago. Another process could take it before the caller binds it; on
   * a developer machine or CI runner that race is rare enough to accept.
   */
  public static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  /**
   * Whether nothing listens on a port, on any address: the services bind every interface, so a
   * program on the loopback address alone blocks them too. Connections of an earlier run that
   * linger in TIME_WAIT do not count: servers bind with SO_REUSEADDR, as this check does.
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The given port, or a free one when it is 0. */
  public static int orFree(int port) {
    return port == 0 ? pick() : port;
  }
}
