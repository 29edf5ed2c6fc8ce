package org.gossipbench.cli;

import org.gossipbench.analysis.NumberText;

/** Locale-independent number formatting shared by every table the CLI prints. */
final class Formats {
  private Formats() {}

  /** Fixed-point with the given decimals, always with a '.' and never "-0". For people to read. */
  static String fixed(double value, int decimals) {
    return NumberText.fixed(value, decimals);
  }

  /**
   * The shortest decimal that parses back to exactly {@code value} ({@link NumberText#roundTrip}).
   */
  static String roundTrip(double value) {
    return NumberText.roundTrip(value);
  }

  /** {@code digits} significant digits for people ({@link NumberText#significant}). */
  static String significant(double value, int digits) {
    return NumberText.significant(value, digits);
  }

  /** {@link #roundTrip} for CSV, {@link #fixed} for text and Markdown. */
  static String number(double value, int decimals, OutputFormat format) {
    return format == OutputFormat.csv ? roundTrip(value) : fixed(value, decimals);
  }
}
