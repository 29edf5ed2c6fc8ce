package org.gossipbench.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Locale-independent number text: full precision for machines, rounded for people. */
public final class NumberText {
  private NumberText() {}

  /**
   * The shortest decimal that parses back ({@link Double#parseDouble}, Python's {@code float},
   * pandas) to exactly {@code value}: for machine-readable output, where rounding would lose what
   * was measured. Plain notation for 1e-6 &le; |value| &lt; 1e21, else {@code 2.5e-7} (the rules of
   * JavaScript's Number.toString); integers without a point; '.' whatever the default Locale. Zero
   * of either sign is {@code 0}, non-finite values {@code NaN}, {@code Infinity}, {@code
   * -Infinity}.
   */
  public static String roundTrip(double value) {
    if (value == 0) {
      return "0";
    }
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return layout(shortest(value));
  }

  /** Fixed-point with the given decimals, always with a '.' and never "-0". For people to read. */
  public static String fixed(double value, int decimals) {
    String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return s.matches("-0\\.?0*") ? s.substring(1) : s;
  }

  /**
   * {@code digits} significant digits, plain for 1e-4 &le; |value| &lt; 1e6 and as {@code
   * 3.876e-06} beyond, with a '.' whatever the default Locale. For people to read values that span
   * decades.
   */
  public static String significant(double value, int digits) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : Double.toString(value);
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-4 && magnitude < 1e6) {
      BigDecimal d = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
      return d.toPlainString();
    }
    return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
  }

  /**
   * JDK 17's Double.toString always round-trips but sometimes carries one digit too many (fixed in
   * JDK 19, JDK-4511638), so it is only an upper bound: fewer significant digits are tried while
   * they still round-trip. Correctly rounding to p - 1 digits lands no farther from the value than
   * rounding to p, so the first failure ends the search.
   */
  private static BigDecimal shortest(double value) {
    BigDecimal best = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    BigDecimal exact = new BigDecimal(value);
    for (int p = best.precision() - 1; p >= 1; p--) {
      BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (Double.parseDouble(candidate.toString()) != value) {
        break;
      }
      best = candidate.stripTrailingZeros();
    }
    return best;
  }

  private static String layout(BigDecimal d) {
    String digits = d.unscaledValue().abs().toString();
    int k = digits.length();
    int point = k - d.scale(); // value = 0.digits x 10^point
    StringBuilder s = new StringBuilder(d.signum() < 0 ? "-" : "");
    if (point >= k && point <= 21) {
      s.append(digits).append("0".repeat(point - k));
    } else if (point > 0 && point <= 21) {
      s.append(digits, 0, point).append('.').append(digits, point, k);
    } else if (point > -6 && point <= 0) {
      s.append("0.").append("0".repeat(-point)).append(digits);
    } else {
      s.append(digits.charAt(0));
      if (k > 1) {
        s.append('.').append(digits, 1, k);
      }
      s.append('e').append(point - 1);
    }
    return s.toString();
  }
}
