package org.gossipbench.workloads.algorithm;

import java.util.Locale;

/** The local optimizer's momentum form (see {@link LocalOptimizer}). */
public enum Momentum {
  /** Plain SGD: x ← x − γ g. */
  NONE,
  /** Heavy ball (Polyak 1964): m ← βm + g; x ← x − γ m. */
  HEAVY_BALL,
  /** Nesterov (Sutskever et al. 2013 form): m ← βm + g; x ← x − γ (g + βm). */
  NESTEROV;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * @throws IllegalArgumentException with a one-line message naming the known forms
   */
  public static Momentum parse(String s) {
    for (Momentum m : values()) {
      if (m.label().equals(s)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown momentum '" + s + "'; known: none, heavy-ball, nesterov");
  }
}
