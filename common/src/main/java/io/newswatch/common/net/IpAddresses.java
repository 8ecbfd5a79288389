package io.newswatch.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * IP literals in every notation a URL parser or resolver may accept, and the address ranges a
 * server-side fetch must never reach.
 *
 * <p>Browsers, curl and the C library read {@code 2130706433}, {@code 0x7f000001}, {@code
 * 0177.0.0.1} and {@code 127.1} all as 127.0.0.1, while Java reads some of them differently or not
 * at all. The guard therefore decodes them the permissive way (WHATWG URL, {@code inet_aton}) and
 * judges the address every reader could end up at.
 */
public final class IpAddresses {

  private IpAddresses() {}

  /** An IP literal read from a host: its address, and whether it was written canonically. */
  public record Literal(InetAddress address, boolean canonical) {}

  /**
   * Reads {@code host} as an IP literal.
   *
   * @param host a lower-case host; IPv6 with or without brackets
   * @return empty when the host is a name, not a literal
   * @throws UnsafeUrlException when the host looks numeric but is no valid address (for example
   *     {@code 1.2.3.999}), or is an IPv6 literal with a zone id
   */
  public static Optional<Literal> parseLiteral(String host) throws UnsafeUrlException {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.indexOf(':') >= 0) {
      return Optional.of(new Literal(parseIpv6(h), true));
    }
    return parseIpv4(h);
  }

  private static InetAddress parseIpv6(String literal) throws UnsafeUrlException {
    if (literal.indexOf('%') >= 0) {
      throw new UnsafeUrlException("uses an IPv6 zone id");
    }
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        throw new UnsafeUrlException("is not a valid IPv6 address");
      }
    }
    try {
      // With brackets, the JDK parses the literal and never asks DNS.
      return InetAddress.getByName("[" + literal + "]");
    } catch (UnknownHostException e) {
      throw new UnsafeUrlException("is not a valid IPv6 address");
    }
  }

  private static Optional<Literal> parseIpv4(String host) throws UnsafeUrlException {
    String[] parts = host.split("\\.", -1);
    if (!endsInANumber(parts[parts.length - 1])) {
      // A name such as news.example.org; "1.2.3.example" is a name too.
      return Optional.empty();
    }
    if (parts.length > 4) {
      throw new UnsafeUrlException("is not a valid IPv4 address");
    }
    long[] values = new long[parts.length];
    boolean canonical = parts.length == 4;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (!isNumber(part)) {
        throw new UnsafeUrlException("is not a valid IPv4 address");
      }
      values[i] = number(part);
      canonical &= isCanonicalDecimal(part);
    }
    long address = 0;
    for (int i = 0; i < values.length - 1; i++) {
      if (values[i] > 255) {
        throw new UnsafeUrlException("is not a valid IPv4 address");
      }
      address = (address << 8) | values[i];
    }
    int lastBytes = 5 - values.length;
    long last = values[values.length - 1];
    if (last >= (1L << (8 * lastBytes))) {
      throw new UnsafeUrlException("is not a valid IPv4 address");
    }
    address = (address << (8 * lastBytes)) | last;
    byte[] bytes = {
      (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address
    };
    try {
      return Optional.of(new Literal(InetAddress.getByAddress(bytes), canonical));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /**
   * True when the last label is digits or {@code 0x} hex: then the host must be an IPv4 address
   * (WHATWG URL), and an invalid one is refused rather than looked up as a name.
   */
  private static boolean endsInANumber(String last) {
    return (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9'))
        || (last.startsWith("0x")
            && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0));
  }

  /** Decimal, octal (leading 0) or hexadecimal (0x) digits, as {@code inet_aton} reads them. */
  private static boolean isNumber(String part) {
    if (part.isEmpty()) {
      return false;
    }
    if (part.startsWith("0x")) {
      return part.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
    if (part.length() > 1 && part.startsWith("0")) {
      return part.chars().allMatch(c -> c >= '0' && c <= '7');
    }
    return part.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static long number(String part) throws UnsafeUrlException {
    String digits;
    int radix;
    if (part.startsWith("0x")) {
      digits = part.substring(2);
      radix = 16;
    } else if (part.length() > 1 && part.startsWith("0")) {
      digits = part.substring(1);
      radix = 8;
    } else {
      digits = part;
      radix = 10;
    }
    if (digits.isEmpty()) {
      return 0;
    }
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (significant.length() > 12) {
      throw new UnsafeUrlException("is not a valid IPv4 address");
    }
    return Long.parseLong(significant, radix);
  }

  private static boolean isCanonicalDecimal(String part) {
    return part.chars().allMatch(c -> c >= '0' && c <= '9')
        && (part.equals("0") || !part.startsWith("0"))
        && part.length() <= 3;
  }

  /**
   * Why a fetch must not reach {@code address}, for example "a loopback address".
   *
   * @return empty for a public unicast address
   */
  public static Optional<String> blockedBecause(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return blockedIpv4(b, 0);
    }
    if (address instanceof Inet6Address) {
      return blockedIpv6(b);
    }
    return Optional.of("an unknown kind of address");
  }

  private static Optional<String> blockedIpv4(byte[] bytes, int offset) {
    int a = bytes[offset] & 0xff;
    int b = bytes[offset + 1] & 0xff;
    int c = bytes[offset + 2] & 0xff;
    int d = bytes[offset + 3] & 0xff;
    if (a == 0) {
      return Optional.of(
          b == 0 && c == 0 && d == 0 ? "the unspecified address" : "a reserved address");
    }
    if (a == 127) {
      return Optional.of("a loopback address");
    }
    if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
      return Optional.of("a private address");
    }
    if (a == 100 && b >= 64 && b <= 127) {
      return Optional.of("a carrier-grade NAT address");
    }
    if (a == 169 && b == 254) {
      return Optional.of(
          c == 169 && d == 254 ? "a cloud metadata address" : "a link-local address");
    }
    if (a == 192 && b == 0 && c == 0) {
      return Optional.of("a reserved address");
    }
    if ((a == 192 && b == 0 && c == 2)
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)) {
      return Optional.of("a documentation address");
    }
    if (a == 198 && (b == 18 || b == 19)) {
      return Optional.of("a benchmarking address");
    }
    if (a >= 224 && a <= 239) {
      return Optional.of("a multicast address");
    }
    if (a >= 240) {
      return Optional.of(
          a == 255 && b == 255 && c == 255 && d == 255
              ? "the broadcast address"
              : "a reserved address");
    }
    return Optional.empty();
  }

  private static Optional<String> blockedIpv6(byte[] b) {
    if (isZero(b, 0, 15)) {
      return Optional.of(
          b[15] == 0
              ? "the unspecified address"
              : b[15] == 1 ? "a loopback address" : "a reserved address");
    }
    if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return blockedIpv4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
    }
    if (isZero(b, 0, 12)) {
      return Optional.of("a reserved address"); // IPv4-compatible ::a.b.c.d, deprecated
    }
    int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    if (first == 0x0064 && second == 0xff9b) {
      // NAT64: the translator forwards to the embedded IPv4 address.
      return isZero(b, 4, 12) ? blockedIpv4(b, 12) : Optional.of("a reserved address");
    }
    if (first == 0x2002) {
      return blockedIpv4(b, 2); // 6to4 carries an IPv4 address
    }
    if (first == 0x2001 && second == 0x0000) {
      return Optional.of("a tunnelling address");
    }
    if (first == 0x2001 && second == 0x0db8) {
      return Optional.of("a documentation address");
    }
    if (first == 0x0100 && isZero(b, 2, 8)) {
      return Optional.of("a reserved address");
    }
    if ((first & 0xfe00) == 0xfc00) {
      return Optional.of("a unique-local address");
    }
    if ((first & 0xffc0) == 0xfe80) {
      return Optional.of("a link-local address");
    }
    if ((first & 0xffc0) == 0xfec0) {
      return Optional.of("a site-local address");
    }
    if ((first & 0xff00) == 0xff00) {
      return Optional.of("a multicast address");
    }
    return Optional.empty();
  }

  private static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The address as text without host name, IPv6 in brackets, for logs and URLs. */
  public static String toText(InetAddress address) {
    String text = address.getHostAddress();
    return address instanceof Inet6Address ? "[" + text + "]" : text.toLowerCase(Locale.ROOT);
  }
}
