package org.gossipbench.bench.sweep;

import java.util.Locale;

/**
 * Byte sizes as nccl-tests writes them: a number with an optional K, M or G suffix (powers of
 * 1024).
 */
public final class ByteSize {
  private ByteSize() {}

  /**
   * Parses e.g. {@code 4096}, {@code 1K}, {@code 256M}, {@code 1G}, {@code 25.5M}.
   *
   * @throws IllegalArgumentException with a one-line message for anything else
   */
  public static long parse(String text) {
    String s = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    if (s.endsWith("B")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!s.isEmpty()) {
      switch (s.charAt(s.length() - 1)) {
        case 'K' -> unit = 1L << 10;
        case 'M' -> unit = 1L << 20;
        case 'G' -> unit = 1L << 30;
        default -> unit = 1;
      }
      if (unit > 1) {
        s = s.substring(0, s.length() - 1);
      }
    }
    try {
      double v = Double.parseDouble(s);
      if (!(v >= 0) || Double.isInfinite(v) || v * unit > Long.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "malformed size '" + text + "' (expected e.g. 4096, 1K, 256M, 1G)");
    }
  }

  /** The nccl-tests rendering: plain bytes. */
  public static String format(long bytes) {
    return Long.toString(bytes);
  }
}
