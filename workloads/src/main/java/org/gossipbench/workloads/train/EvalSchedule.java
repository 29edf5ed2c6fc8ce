package org.gossipbench.workloads.train;

import java.util.Locale;

/**
 * When the trainer evaluates x̄: every {@code Xep} (a fraction or multiple of an epoch, e.g. {@code
 * 0.25ep}) or every {@code N} steps; always after the last step too.
 *
 * @param epochs the interval in epochs, or 0 when given in steps
 * @param steps the interval in steps, or 0 when given in epochs
 */
public record EvalSchedule(double epochs, long steps) {

  /**
   * @throws IllegalArgumentException with a one-line message for anything but {@code Xep} or a
   *     positive step count
   */
  public static EvalSchedule parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ep")) {
        double e = Double.parseDouble(t.substring(0, t.length() - 2));
        if (e > 0 && Double.isFinite(e)) {
          return new EvalSchedule(e, 0);
        }
      } else {
        long s = Long.parseLong(t);
        if (s > 0) {
          return new EvalSchedule(0, s);
        }
      }
    } catch (NumberFormatException e) {
      // fall through to the one-line error
    }
    throw new IllegalArgumentException(
        "--eval-every must be a positive number of epochs such as 0.25ep or of steps such as 500,"
            + " got '"
            + text
            + "'");
  }

  /** The interval in steps, given the steps of one epoch (at least 1). */
  public long intervalSteps(long stepsPerEpoch) {
    return steps > 0 ? steps : Math.max(1, Math.round(epochs * stepsPerEpoch));
  }

  @Override
  public String toString() {
    return steps > 0 ? Long.toString(steps) : epochs + "ep";
  }
}
