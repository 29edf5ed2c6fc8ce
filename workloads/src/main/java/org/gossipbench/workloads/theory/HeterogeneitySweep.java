package org.gossipbench.workloads.theory;

import java.util.List;

/**
 * The b values {@code dsgd-b2} and {@code gt-b2} share, on one fixed ring, so that DSGD and the
 * bias-correcting methods are measured at the same heterogeneities (and, through the seed, on the
 * same noise).
 */
record HeterogeneitySweep(
    String topology, int n, int dimension, double step, double sigma, List<Double> bs, int tail) {
  /** Iterations that let the run settle before the tail: DSGD's slowest mode is (1 − γ)λ₂. */
  static final int SETTLE = 300;

  static HeterogeneitySweep of(boolean quick) {
    return quick
        ? new HeterogeneitySweep("ring", 8, 50, 0.05, 1.0, List.of(0.0, 1.0, 2.0, 4.0), 800)
        : new HeterogeneitySweep(
            "ring", 16, 100, 0.05, 1.0, List.of(0.0, 0.5, 1.0, 2.0, 4.0), 2000);
  }

  SteadyStateSetup setup(String check, String algorithm, double b) {
    return new SteadyStateSetup(
        check, algorithm, topology, n, dimension, b, sigma, step, SETTLE + tail, tail);
  }
}
