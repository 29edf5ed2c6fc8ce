package org.gossipbench.workloads.theory;

/**
 * The step sizes of a theory run: constant γ, or the harmonic decay γ_k = γ / (1 + γk), which is
 * 1/(k + 1) for γ = 1 (PSGD's iterate is then the running mean of its gradient noise) and ≈ 1/k for
 * every γ once k ≫ 1/γ, the decay under which SPEC &sect;4's transient stage is stated.
 */
public enum StepSchedule {
  CONSTANT("constant"),
  HARMONIC("harmonic");

  private final String label;

  StepSchedule(String label) {
    this.label = label;
  }

  /** The name in the Arrow {@code schedule} column. */
  public String label() {
    return label;
  }

  /** γ_k / γ at iteration k for base step γ. */
  public double factor(double step, long k) {
    return this == CONSTANT ? 1.0 : 1.0 / (1.0 + step * k);
  }
}
