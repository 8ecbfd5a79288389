package io.newswatch.common.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a server-side fetch (a feed, a webhook) may go to a URL, so that no URL given by
 * a user or sent in a redirect reaches inside our network (SSRF).
 *
 * <p>Only {@code http} and {@code https} on ports 80 and 443; no credentials in the URL; no
 * loopback, private, link-local, carrier-grade NAT, unique-local, multicast, unspecified, reserved
 * or cloud-metadata address, in any notation. {@link #check(URI)} judges the URL as written (when
 * it is registered); {@link #resolve(URI)} judges it again at connect time, on every address its
 * host resolves to, and returns those addresses so that the client connects to exactly what was
 * checked. A client must call {@link #resolve(URI)} for every redirect hop.
 *
 * <p>The {@link AllowList} admits chosen {@code host:port} pairs (a local feed server in tests and
 * demos) whatever they resolve to; nothing else bypasses the guard.
 */
public final class UrlGuard {

  private static final Set<String> SCHEMES = Set.of("http", "https");
  private static final Set<Integer> PORTS = Set.of(80, 443);

  /** Names that mean this machine or a cloud provider's metadata service without any DNS. */
  private static final Set<String> LOCAL_NAMES =
      Set.of(
          "localhost",
          "localhost.localdomain",
          "ip6-localhost",
          "ip6-loopback",
          "metadata",
          "metadata.google.internal",
          "metadata.goog",
          "instance-data",
          "instance-data.ec2.internal");

  private final AllowList allowList;
  private final HostResolver resolver;

  public UrlGuard(AllowList allowList, HostResolver resolver) {
    this.allowList = allowList;
    this.resolver = resolver;
  }

  /** A guard that resolves names with the system's DNS. */
  public static UrlGuard withSystemDns(AllowList allowList) {
    return new UrlGuard(allowList, HostResolver.SYSTEM);
  }

  public AllowList allowList() {
    return allowList;
  }

  /**
   * Checks a URL as a person typed it, without DNS.
   *
   * @return the URL, trimmed and with lower-case scheme and host
   * @throws UnsafeUrlException saying why it is refused
   */
  public URI check(String url) throws UnsafeUrlException {
    if (url == null || url.isBlank()) {
      throw new UnsafeUrlException("is required");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new UnsafeUrlException("is not a valid URL");
    }
    return check(uri);
  }

  /**
   * Checks a URL as written, without DNS: scheme, credentials, port, and the host when it is an IP
   * literal or a local name.
   *
   * @return the URL with lower-case scheme and host
   * @throws UnsafeUrlException saying why it is refused
   */
  public URI check(URI url) throws UnsafeUrlException {
    return inspect(url).url();
  }

  /**
   * Checks a URL for a connection now: everything {@link #check(URI)} checks, then every address
   * its host resolves to.
   *
   * @return the endpoint with the vetted addresses to connect to
   * @throws UnsafeUrlException saying why it is refused
   * @throws UnknownHostException when the host name does not resolve
   */
  public GuardedEndpoint resolve(URI url) throws UnsafeUrlException, UnknownHostException {
    Target target = inspect(url);
    List<InetAddress> addresses;
    if (target.literal() != null) {
      addresses = List.of(target.literal());
    } else {
      addresses = resolver.resolve(target.host());
      if (addresses.isEmpty()) {
        throw new UnknownHostException("no address");
      }
    }
    if (!target.allowListed()) {
      for (InetAddress address : addresses) {
        Optional<String> blocked = IpAddresses.blockedBecause(address);
        if (blocked.isPresent()) {
          // One bad answer condemns the name: a rebinding attacker mixes good and bad ones.
          throw new UnsafeUrlException("resolves to " + blocked.get());
        }
      }
    }
    return new GuardedEndpoint(
        target.url(),
        target.scheme(),
        target.host(),
        target.port(),
        addresses,
        target.allowListed());
  }

  private record Target(
      URI url, String scheme, String host, int port, InetAddress literal, boolean allowListed) {}

  private Target inspect(URI uri) throws UnsafeUrlException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.isOpaque() || !SCHEMES.contains(scheme)) {
      throw new UnsafeUrlException("must be an absolute http or https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new UnsafeUrlException("must not carry credentials");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      if (uri.getRawAuthority() == null || uri.getRawAuthority().isBlank()) {
        throw new UnsafeUrlException("must name a host");
      }
      throw new UnsafeUrlException(whyNotAHost(uri.getRawAuthority()));
    }
    String host = normaliseHost(uri.getHost());
    int port = uri.getPort() < 0 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
    URI normalised = withLowerCaseSchemeAndHost(uri, scheme);
    Optional<IpAddresses.Literal> literal = IpAddresses.parseLiteral(host);
    boolean allowListed = allowList.admits(host, port);
    if (!allowListed) {
      if (!PORTS.contains(port)) {
        throw new UnsafeUrlException("must use port 80 or 443");
      }
      if (literal.isPresent()) {
        Optional<String> blocked = IpAddresses.blockedBecause(literal.get().address());
        if (blocked.isPresent()) {
          throw new UnsafeUrlException("refers to " + blocked.get());
        }
        if (!literal.get().canonical()) {
          // Readers disagree on 0177.0.0.1 or 2130706433: refuse what we cannot read for sure.
          throw new UnsafeUrlException("writes an IP address in an ambiguous notation");
        }
      } else if (isLocalName(host)) {
        throw new UnsafeUrlException("names a local or cloud metadata host");
      }
    }
    return new Target(
        normalised,
        scheme,
        host,
        port,
        literal.map(IpAddresses.Literal::address).orElse(null),
        allowListed);
  }

  /**
   * Java's URI parser gives no host for {@code 0x7f000001} or {@code 1.2.3.999}; say what such an
   * authority would have reached with a more permissive parser, so the refusal is informative.
   */
  private static String whyNotAHost(String rawAuthority) throws UnsafeUrlException {
    if (rawAuthority.contains("@")) {
      return "must not carry credentials";
    }
    String host = rawAuthority.replaceFirst(":[0-9]*$", "").toLowerCase(Locale.ROOT);
    Optional<IpAddresses.Literal> literal = IpAddresses.parseLiteral(host);
    if (literal.isPresent()) {
      Optional<String> blocked = IpAddresses.blockedBecause(literal.get().address());
      return blocked.isPresent()
          ? "refers to " + blocked.get()
          : "writes an IP address in an ambiguous notation";
    }
    return "does not name a valid host";
  }

  private static boolean isLocalName(String host) {
    return LOCAL_NAMES.contains(host) || host.endsWith(".localhost") || !host.contains(".");
  }

  /** Lower case, IPv6 without brackets, without the trailing dot of a fully qualified name. */
  static String normaliseHost(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".") && h.length() > 1) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  private static URI withLowerCaseSchemeAndHost(URI uri, String scheme) throws UnsafeUrlException {
    try {
      return rebuild(uri, scheme);
    } catch (URISyntaxException e) {
      throw new UnsafeUrlException("is not a valid URL");
    }
  }

  private static URI rebuild(URI uri, String scheme) throws URISyntaxException {
    StringBuilder text = new StringBuilder(scheme).append("://");
    text.append(uri.getHost().toLowerCase(Locale.ROOT));
    if (uri.getPort() >= 0) {
      text.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    text.append(path == null || path.isEmpty() ? "/" : path);
    if (uri.getRawQuery() != null) {
      text.append('?').append(uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      text.append('#').append(uri.getRawFragment());
    }
    return new URI(text.toString());
  }
}
