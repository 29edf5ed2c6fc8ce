package org.gossipbench.collectives.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

  @ParameterizedTest
  @CsvSource({
    "198.18.0.10:29500, 198.18.0.10, 29500",
    "node-a009.cluster:1, node-a009.cluster, 1",
    "localhost:0, localhost, 0",
    "[::1]:65535, ::1, 65535",
    "[fe80::1:2]:80, fe80::1:2, 80",
    "[2001:db8::7]:20042, 2001:db8::7, 20042",
  })
  void shouldParseHostPortAndFormatItBack(String text, String host, int port) {
    HostPort hp = HostPort.parse(text);
    assertEquals(new HostPort(host, port), hp);
    assertEquals(text, hp.toString());
  }

  @Test
  void shouldBracketIpv6LiteralsOnlyWhenFormatting() {
    assertEquals("[::1]:7", new HostPort("::1", 7).toString());
    assertEquals("10.0.0.1:7", new HostPort("10.0.0.1", 7).toString());
    assertEquals("h:7", new HostPort("h", 7).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "host",
        "host:",
        ":80",
        "host:http",
        "host:-1",
        "host:65536",
        "host:123456",
        "host:8 0",
        "::1:80",
        "fe80::1",
        "[::1]",
        "[::1]80",
        "[::1]:",
        "[::1:80",
        "[]:80",
        "[host]:80",
        "[1.2.3.4]:80",
        "[::1]:80:90",
        "[::1]]:80",
        "[not:an:address:zz]:80",
        "a b:80",
      })
  void shouldRejectMalformedAddressesWithOneLine(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
    assertTrue(e.getMessage().contains("address"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void shouldQuoteTheInputWhenRejectingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse("::1:80"));
    assertEquals(
        "malformed address '::1:80': an IPv6 literal needs brackets: [v6]:port", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"node1:5000", "1.2.3.4:5000", "[::1]", "::1]", "a[b"})
  void shouldRejectAHostThatCarriesAPortOrBrackets(String host) {
    assertThrows(IllegalArgumentException.class, () -> new HostPort(host, 1));
  }

  @ParameterizedTest
  @CsvSource({"[::1], ::1", "::1, ::1", "10.1.2.3, 10.1.2.3", "gpu-a009, gpu-a009"})
  void shouldUnbracketIpv6HostsAndLeaveOthersAlone(String given, String expected) {
    assertEquals(expected, HostPort.unbracket(given));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[::1", "::1]", "[host]", "[]"})
  void shouldRejectUnbalancedOrMisusedBrackets(String given) {
    assertThrows(IllegalArgumentException.class, () -> HostPort.unbracket(given));
  }
}
