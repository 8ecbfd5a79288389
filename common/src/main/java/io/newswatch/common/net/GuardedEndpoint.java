package io.newswatch.common.net;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * Where a checked URL may be fetched: its host and port, and the addresses the guard vetted. A
 * client must connect to one of {@link #addresses()} and to nothing it resolves itself, or a DNS
 * answer that changed since the check (DNS rebinding) would reach an address nobody checked.
 *
 * @param url the URL, normalised (lower-case scheme and host)
 * @param scheme {@code http} or {@code https}
 * @param host the host name or IP literal (IPv6 without brackets), for the {@code Host} header and
 *     TLS
 * @param port the port, the scheme's default when the URL has none
 * @param addresses the vetted addresses, never empty
 * @param allowListed true when the host and port are on the configured allow-list
 */
public record GuardedEndpoint(
    URI url,
    String scheme,
    String host,
    int port,
    List<InetAddress> addresses,
    boolean allowListed) {

  public GuardedEndpoint {
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("an endpoint needs at least one address");
    }
  }
}
