package org.gossipbench.cli;

import java.util.Locale;

/** Locale-independent number formatting shared by every table the CLI prints. */
final class Formats {
  private Formats() {}

  /** Fixed-point with the given decimals, always with a '.' and never "-0". */
  static String fixed(double value, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return s.matches("-0\\.?0*") ? s.substring(1) : s;
  }
}
