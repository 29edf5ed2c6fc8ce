package org.gossipbench.collectives.transport.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A host and a port, as ranks publish them in the rendezvous store and dial them: written {@code
 * host:port}, or {@code [v6]:port} when the host is an IPv6 literal (RFC 3986), so that the colons
 * of the address cannot be mistaken for the one before the port.
 *
 * @param host a host name, an IPv4 literal or an IPv6 literal without brackets (possibly with a
 *     {@code %scope})
 * @param port in 0..65535
 */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0 || host.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("host '" + host + "' must be written without brackets");
    }
    if (host.indexOf(':') >= 0 && !isIpv6Literal(host)) {
      // Most likely a port written into a host (an advertise address of "node1:5000").
      throw new IllegalArgumentException("host '" + host + "' has a ':' but is no IPv6 literal");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
  }

  /**
   * Parses {@code host:port}, {@code a.b.c.d:port} or {@code [v6]:port}. A bare IPv6 literal
   * followed by a port ({@code ::1:80}) is rejected rather than guessed at: its last group could be
   * either.
   *
   * @throws IllegalArgumentException with a one-line message quoting the input when it is malformed
   */
  public static HostPort parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty address: expected host:port or [v6]:port");
    }
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw malformed(text, "expected [v6]:port");
      }
      host = text.substring(1, close);
      if (host.indexOf(':') < 0) {
        throw malformed(text, "brackets are for IPv6 literals only");
      }
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw malformed(text, "no port");
      }
      host = text.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        throw malformed(text, "an IPv6 literal needs brackets: [v6]:port");
      }
      port = text.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw malformed(text, "no host");
    }
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      throw malformed(text, "the port must be a number in 0..65535");
    }
    int p = Integer.parseInt(port);
    if (p > 65535) {
      throw malformed(text, "the port must be a number in 0..65535");
    }
    try {
      return new HostPort(host, p);
    } catch (IllegalArgumentException e) {
      throw malformed(text, e.getMessage());
    }
  }

  /**
   * A host as a user may write it, for instance in {@code MASTER_ADDR}: an IPv6 literal bare or in
   * brackets, anything else as is. Returns it without brackets, which is what {@link
   * InetSocketAddress} and {@link #HostPort} take.
   *
   * @throws IllegalArgumentException when brackets are unbalanced or hold no IPv6 literal
   */
  public static String unbracket(String host) {
    if (host != null && host.length() >= 2 && host.startsWith("[") && host.endsWith("]")) {
      String inner = host.substring(1, host.length() - 1);
      if (inner.indexOf(':') >= 0 && inner.indexOf('[') < 0 && inner.indexOf(']') < 0) {
        return inner;
      }
    }
    if (host != null && (host.indexOf('[') >= 0 || host.indexOf(']') >= 0)) {
      throw new IllegalArgumentException(
          "malformed host '" + host + "': brackets must enclose a whole IPv6 literal");
    }
    return host;
  }

  /** Resolves the host now (a name is looked up; a literal is not). */
  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(host, port);
  }

  /** {@code host:port}, or {@code [v6]:port} for an IPv6 literal; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  // In brackets InetAddress accepts only a literal, so this never asks DNS.
  private static boolean isIpv6Literal(String host) {
    try {
      InetAddress.getByName("[" + host + "]");
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static IllegalArgumentException malformed(String text, String why) {
    return new IllegalArgumentException("malformed address '" + text + "': " + why);
  }
}
