package io.newswatch.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1, true",
    "2130706433, 127.0.0.1, false",
    "0x7f000001, 127.0.0.1, false",
    "0177.0.0.1, 127.0.0.1, false",
    "127.1, 127.0.0.1, false",
    "127.0.1, 127.0.0.1, false",
    "0x7f.0x0.0x0.0x1, 127.0.0.1, false",
    "010.0.0.1, 8.0.0.1, false",
    "[::1], 0:0:0:0:0:0:0:1, true",
    "::ffff:127.0.0.1, 127.0.0.1, true",
  })
  void readsIpv4AndIpv6LiteralsTheWayPermissiveParsersDo(
      String host, String address, boolean canonical) throws Exception {
    IpAddresses.Literal literal = IpAddresses.parseLiteral(host).orElseThrow();

    assertThat(literal.address()).isEqualTo(InetAddress.getByName(address));
    assertThat(literal.canonical()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @ValueSource(strings = {"news.example.org", "1.2.3.example", "0x7f.example", "localhost"})
  void namesAreNotLiterals(String host) throws Exception {
    assertThat(IpAddresses.parseLiteral(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "2a00:1450:4001:80b::200e"})
  void publicAddressesAreNotBlocked(String address) throws Exception {
    assertThat(IpAddresses.blockedBecause(InetAddress.getByName(address))).isEmpty();
  }
}
