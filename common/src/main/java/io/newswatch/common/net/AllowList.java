package io.newswatch.common.net;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code host:port} pairs an operator admits although the {@link UrlGuard} would refuse them: a
 * feed server on loopback for tests and demos, say. Only the exact host and port match: an entry
 * {@code 127.0.0.1:8080} admits neither {@code 127.0.0.1:8081} nor {@code localhost:8080}.
 */
public final class AllowList {

  private static final AllowList NONE = new AllowList(Set.of());

  private final Set<String> entries;

  private AllowList(Set<String> entries) {
    this.entries = Set.copyOf(entries);
  }

  /** An empty allow-list: the guard admits only what is safe. */
  public static AllowList none() {
    return NONE;
  }

  /**
   * Parses a comma-separated list such as {@code 127.0.0.1:8089,[::1]:8090,feeds.test:8080}; blanks
   * around entries and empty entries are ignored.
   *
   * @throws IllegalArgumentException naming the malformed entry
   */
  public static AllowList parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return NONE;
    }
    return of(List.of(commaSeparated.split(",")));
  }

  /**
   * An allow-list of {@code host:port} entries.
   *
   * @throws IllegalArgumentException naming the malformed entry
   */
  public static AllowList of(Collection<String> hostAndPorts) {
    Set<String> entries = new LinkedHashSet<>();
    for (String raw : hostAndPorts) {
      String entry = raw.strip();
      if (!entry.isEmpty()) {
        entries.add(normalise(entry));
      }
    }
    return entries.isEmpty() ? NONE : new AllowList(entries);
  }

  /** True when {@code host} (lower-case, IPv6 without brackets) and {@code port} are admitted. */
  public boolean admits(String host, int port) {
    return !entries.isEmpty() && entries.contains(key(host, port));
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The entries as {@code host:port}, comma-separated. */
  @Override
  public String toString() {
    return String.join(
        ",",
        entries.stream()
            .map(
                key -> {
                  String host = key.substring(0, key.indexOf(' '));
                  String port = key.substring(key.indexOf(' ') + 1);
                  return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
                })
            .toList());
  }

  private static String normalise(String entry) {
    String host;
    String port;
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close < 0 || close + 1 >= entry.length() || entry.charAt(close + 1) != ':') {
        throw malformed(entry);
      }
      host = entry.substring(1, close);
      port = entry.substring(close + 2);
    } else {
      int colon = entry.lastIndexOf(':');
      if (colon <= 0 || entry.indexOf(':') != colon) {
        throw malformed(entry);
      }
      host = entry.substring(0, colon);
      port = entry.substring(colon + 1);
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw malformed(entry);
    }
    if (number < 1 || number > 65535 || host.isBlank()) {
      throw malformed(entry);
    }
    return key(UrlGuard.normaliseHost(host), number);
  }

  private static String key(String host, int port) {
    return host.toLowerCase(Locale.ROOT) + " " + port;
  }

  private static IllegalArgumentException malformed(String entry) {
    return new IllegalArgumentException(
        "allow-list entry '" + entry + "' is not host:port (IPv6 as [addr]:port)");
  }
}
