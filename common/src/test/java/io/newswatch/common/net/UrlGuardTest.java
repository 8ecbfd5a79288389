package io.newswatch.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {

  private static final HostResolver NO_DNS =
      host -> {
        throw new AssertionError("no DNS expected for " + host);
      };

  private final UrlGuard guard = new UrlGuard(AllowList.none(), NO_DNS);

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1/feed                      | refers to a loopback address",
        "http://127.255.255.254/                    | refers to a loopback address",
        "http://localhost/feed                      | names a local or cloud metadata host",
        "http://LOCALHOST./feed                     | names a local or cloud metadata host",
        "http://feeds.localhost/                    | names a local or cloud metadata host",
        "http://[::1]/                              | refers to a loopback address",
        "http://[0:0:0:0:0:0:0:1]/                  | refers to a loopback address",
        "http://[::ffff:127.0.0.1]/                 | refers to a loopback address",
        "http://[::ffff:7f00:1]/                    | refers to a loopback address",
        "http://[64:ff9b::7f00:1]/                  | refers to a loopback address",
        "http://[2002:7f00:1::1]/                   | refers to a loopback address",
        "http://0.0.0.0/                            | refers to the unspecified address",
        "http://0/                                  | refers to the unspecified address",
        "http://[::]/                               | refers to the unspecified address",
        "http://2130706433/                         | refers to a loopback address",
        "http://0177.0.0.1/                         | refers to a loopback address",
        "http://0x7f000001/                         | refers to a loopback address",
        "http://0x7F.0.0.1/                         | refers to a loopback address",
        "http://127.1/                              | refers to a loopback address",
        "http://017700000001/                       | refers to a loopback address",
        "http://169.254.169.254/latest/meta-data/   | refers to a cloud metadata address",
        "http://169.254.1.1/                        | refers to a link-local address",
        "http://10.0.0.1/                           | refers to a private address",
        "http://10.255.255.255/                     | refers to a private address",
        "http://172.16.0.1/                         | refers to a private address",
        "http://172.31.255.255/                     | refers to a private address",
        "http://192.168.0.1/                        | refers to a private address",
        "http://100.64.0.1/                         | refers to a carrier-grade NAT address",
        "http://100.127.255.255/                    | refers to a carrier-grade NAT address",
        "http://[fc00::1]/                          | refers to a unique-local address",
        "http://[fd00:ec2::254]/                    | refers to a unique-local address",
        "http://[fe80::1]/                          | refers to a link-local address",
        "http://[febf::1]/                          | refers to a link-local address",
        "http://[ff02::1]/                          | refers to a multicast address",
        "http://224.0.0.251/                        | refers to a multicast address",
        "http://255.255.255.255/                    | refers to the broadcast address",
        "http://240.0.0.1/                          | refers to a reserved address",
        "http://metadata.google.internal/           | names a local or cloud metadata host",
        "http://intranet/                           | names a local or cloud metadata host",
        "http://010.0.0.1/                          | writes an IP address in an ambiguous notation",
        "http://8.8.2056/                           | writes an IP address in an ambiguous notation",
        "http://1.2.3.999/                          | is not a valid IPv4 address",
        "http://1.2.3.4.5/                          | is not a valid IPv4 address",
        "http://4294967296/                         | is not a valid IPv4 address",
        "file:///etc/passwd                         | must be an absolute http or https URL",
        "jar:file:/tmp/a.jar!/feed.xml              | must be an absolute http or https URL",
        "gopher://news.example.org/                 | must be an absolute http or https URL",
        "ftp://news.example.org/feed.xml            | must be an absolute http or https URL",
        "//news.example.org/feed.xml                | must be an absolute http or https URL",
        "http:news.example.org                      | must be an absolute http or https URL",
        "http://user:secret@news.example.org/       | must not carry credentials",
        "https://news.example.org:8443/feed         | must use port 80 or 443",
        "http://news.example.org:22/                | must use port 80 or 443",
        "http://exa_mple.org/                       | does not name a valid host",
        "http:///feed.xml                           | must name a host",
        "http://news example.org/                   | is not a valid URL",
      })
  void refusesEveryLocalAddressFormAndEveryOtherScheme(String url, String reason) {
    assertThatThrownBy(() -> guard.check(url))
        .isInstanceOf(UnsafeUrlException.class)
        .hasMessage(reason);
  }

  @ParameterizedTest
  @CsvSource({
    "https://news.example.org/rss.xml, https://news.example.org/rss.xml",
    "HTTPS://News.Example.ORG/Feed?Q=1, https://news.example.org/Feed?Q=1",
    "http://news.example.org, http://news.example.org/",
    "http://news.example.org:80/a, http://news.example.org:80/a",
    "http://93.184.216.34/feed, http://93.184.216.34/feed",
    "https://[2606:4700::1111]/feed, https://[2606:4700::1111]/feed",
    "'  https://news.example.org/padded  ', https://news.example.org/padded",
  })
  void admitsPublicHttpUrlsAndNormalisesSchemeAndHost(String url, String expected)
      throws Exception {
    assertThat(guard.check(url)).isEqualTo(URI.create(expected));
  }

  @Test
  void anAllowListEntryAdmitsExactlyThatHostAndPort() throws Exception {
    UrlGuard local = new UrlGuard(AllowList.parse("127.0.0.1:8089, [::1]:8090"), NO_DNS);

    assertThat(local.check("http://127.0.0.1:8089/feed.xml").getPort()).isEqualTo(8089);
    assertThat(local.check("http://[::1]:8090/feed.xml").getPort()).isEqualTo(8090);
    assertThatThrownBy(() -> local.check("http://127.0.0.1:8088/feed.xml"))
        .hasMessage("must use port 80 or 443");
    assertThatThrownBy(() -> local.check("http://127.0.0.1/feed.xml"))
        .hasMessage("refers to a loopback address");
    assertThatThrownBy(() -> local.check("http://localhost:8089/feed.xml"))
        .hasMessage("must use port 80 or 443");
    assertThatThrownBy(() -> local.check("file://127.0.0.1:8089/etc/passwd"))
        .hasMessage("must be an absolute http or https URL");
  }

  @Test
  void atConnectTimeANameThatResolvesToAPrivateAddressIsRefused() {
    UrlGuard dns = guardWithDns(Map.of("rebind.example.org", List.of("10.0.0.7")));

    assertThatThrownBy(() -> dns.resolve(URI.create("https://rebind.example.org/feed")))
        .isInstanceOf(UnsafeUrlException.class)
        .hasMessage("resolves to a private address");
  }

  @Test
  void atConnectTimeOneBadAnswerAmongGoodOnesCondemnsTheName() {
    UrlGuard dns = guardWithDns(Map.of("mixed.example.org", List.of("93.184.216.34", "127.0.0.1")));

    assertThatThrownBy(() -> dns.resolve(URI.create("http://mixed.example.org/")))
        .hasMessage("resolves to a loopback address");
  }

  @Test
  void atConnectTimeAPublicNameGivesTheVettedAddressesToConnectTo() throws Exception {
    UrlGuard dns =
        guardWithDns(Map.of("news.example.org", List.of("93.184.216.34", "2606:2800:220:1::1")));

    GuardedEndpoint endpoint = dns.resolve(URI.create("https://News.Example.org/rss"));

    assertThat(endpoint.host()).isEqualTo("news.example.org");
    assertThat(endpoint.port()).isEqualTo(443);
    assertThat(endpoint.scheme()).isEqualTo("https");
    assertThat(endpoint.allowListed()).isFalse();
    assertThat(endpoint.addresses())
        .containsExactly(
            InetAddress.getByName("93.184.216.34"), InetAddress.getByName("2606:2800:220:1::1"));
  }

  @Test
  void anAllowListedNameMayResolveToLoopbackOnItsPortOnly() throws Exception {
    Map<String, List<String>> table = Map.of("feeds.test", List.of("127.0.0.1"));
    UrlGuard dns = new UrlGuard(AllowList.parse("feeds.test:8089"), host -> addresses(table, host));

    assertThat(dns.resolve(URI.create("http://feeds.test:8089/a.xml")).addresses())
        .containsExactly(InetAddress.getByName("127.0.0.1"));
    assertThatThrownBy(() -> dns.resolve(URI.create("http://feeds.test/a.xml")))
        .hasMessage("resolves to a loopback address");
  }

  @Test
  void anIpLiteralIsNeverLookedUp() throws Exception {
    GuardedEndpoint endpoint = guard.resolve(URI.create("http://93.184.216.34/feed"));

    assertThat(endpoint.addresses()).containsExactly(InetAddress.getByName("93.184.216.34"));
  }

  @Test
  void anUnknownHostIsAnIoFailureNotARefusal() {
    UrlGuard dns = guardWithDns(Map.of());

    assertThatThrownBy(() -> dns.resolve(URI.create("https://nowhere.example.org/")))
        .isInstanceOf(UnknownHostException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://secret-host-name.internal.corp:8080/x",
        "http://127.0.0.1/very-secret-path",
        "gopher://secret-host-name/"
      })
  void refusalsNeverQuoteTheUrl(String url) {
    assertThatThrownBy(() -> guard.check(url))
        .isInstanceOf(UnsafeUrlException.class)
        .message()
        .doesNotContain("secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":80", "host:port", "host:0", "[::1]8080"})
  void malformedAllowListEntriesAreRejectedNamingTheEntry(String entry) {
    assertThatThrownBy(() -> AllowList.parse(entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + entry.strip() + "'");
  }

  @Test
  void anEmptyAllowListAdmitsNothing() {
    assertThat(AllowList.parse("").isEmpty()).isTrue();
    assertThat(AllowList.parse(" , ").admits("127.0.0.1", 80)).isFalse();
  }

  private static UrlGuard guardWithDns(Map<String, List<String>> table) {
    return new UrlGuard(AllowList.none(), host -> addresses(table, host));
  }

  private static List<InetAddress> addresses(Map<String, List<String>> table, String host)
      throws UnknownHostException {
    List<String> literals = table.get(host);
    if (literals == null) {
      throw new UnknownHostException(host);
    }
    List<InetAddress> result = new java.util.ArrayList<>();
    for (String literal : literals) {
      result.add(InetAddress.getByName(literal));
    }
    return result;
  }
}
