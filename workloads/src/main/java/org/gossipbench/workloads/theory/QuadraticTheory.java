package org.gossipbench.workloads.theory;

import java.util.OptionalDouble;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.WeightMatrix;

/**
 * Exact answers for DSGD and PSGD on a {@link
 * org.gossipbench.workloads.synthetic.HeterogeneousQuadratic}, from the linear recursion the
 * iterates obey. With X^(k) the n×d matrix of the nodes' iterates, C that of the centers and Ξ^(k)
 * the noise, DSGD (adapt-then-combine) is
 *
 * <pre>
 *   X^(k+1) = A X^(k) + γ W C − γσ W Ξ^(k),   A = (1 − γ) W,
 * </pre>
 *
 * so for a static doubly stochastic W the iterates converge in mean to X* = γ(I − A)⁻¹ W C, whose
 * spread around x* is DSGD's heterogeneity bias, and their fluctuation has the stationary
 * covariance (per coordinate) P = Σ_t A^t (γ²σ² W Wᵀ) (Aᵀ)^t, the solution of the Lyapunov equation
 * P = A P Aᵀ + γ²σ² W Wᵀ, summed here by doubling (P ← P + A_m P A_mᵀ, A_m ← A_m²). The
 * steady-state error E (1/n) Σ_i ‖x_i − x*‖² is then (1/n)‖X* − 1x*ᵀ‖² + d·tr(P)/n. PSGD is the
 * case W = 11ᵀ/n: dγσ²/(n(2 − γ)), independent of b.
 */
public final class QuadraticTheory {
  private static final int MAX_DOUBLINGS = 64;

  private QuadraticTheory() {}

  /**
   * DSGD's steady-state error, split into the heterogeneity bias and the noise.
   *
   * @param bias (1/n)‖X* − 1x*ᵀ‖², 0 without heterogeneity
   * @param noise d·tr(P)/n, 0 without noise
   */
  public record SteadyState(double bias, double noise) {
    public double total() {
      return bias + noise;
    }
  }

  /**
   * @param w a static doubly stochastic W
   * @param step γ in (0, 1]
   * @param centers the n×d centers c_i
   * @param sigma σ
   */
  public static SteadyState dsgd(WeightMatrix w, double step, double[][] centers, double sigma) {
    int n = w.size();
    int d = centers[0].length;
    DMatrixRMaj wm = new DMatrixRMaj(w.toDense());
    DMatrixRMaj a = new DMatrixRMaj(wm);
    CommonOps_DDRM.scale(1 - step, a);

    DMatrixRMaj lhs = CommonOps_DDRM.identity(n);
    CommonOps_DDRM.subtractEquals(lhs, a);
    DMatrixRMaj rhs = new DMatrixRMaj(n, d);
    CommonOps_DDRM.mult(step, wm, new DMatrixRMaj(centers), rhs);
    DMatrixRMaj fixed = new DMatrixRMaj(n, d);
    if (!CommonOps_DDRM.solve(lhs, rhs, fixed)) {
      throw new IllegalStateException("I - (1 - step) W is singular");
    }
    double[] optimum = new double[d];
    for (double[] c : centers) {
      for (int j = 0; j < d; j++) {
        optimum[j] += c[j] / n;
      }
    }
    double bias = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double e = fixed.get(i, j) - optimum[j];
        bias += e * e;
      }
    }
    bias /= n;

    DMatrixRMaj q = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransB(step * step * sigma * sigma, wm, wm, q);
    double noise = d * CommonOps_DDRM.trace(lyapunov(a, q)) / n;
    return new SteadyState(bias, noise);
  }

  /** PSGD's steady-state error at a constant step: dγσ²/(n(2 − γ)). */
  public static double psgd(int n, int dimension, double step, double sigma) {
    return dimension * step * sigma * sigma / (n * (2 - step));
  }

  /**
   * PSGD's exact expected error after K iterations of γ_k = 1/(k + 1) from x*: its iterate is then
   * x* minus the running mean of the K averaged noises, so the error is dσ²/(nK).
   */
  public static double psgdHarmonic(int n, int dimension, double sigma, long iterations) {
    return dimension * sigma * sigma / ((double) n * iterations);
  }

  /**
   * S = tr(P_B)/n with P_B = Σ_{t≥1} (B^(k)…B^(k−t+1))(…)ᵀ and B^(k) = W^(k) − 11ᵀ/n, averaged over
   * one period: the consensus distance per unit γ²σ² per coordinate that DSGD keeps when the step
   * is small and slowly varying (the quasi-static limit of the recursion above, where the factor 1
   * − γ is 1). For a symmetric static W it is (1/n) Σ_{λ≠1} λ²/(1 − λ²).
   *
   * <p>Under γ_k ≈ 1/k, PSGD's error is dσ²/(nk) and DSGD's exceeds it by its consensus distance
   * dγ_k²σ²S, so their ratio is 1 + nS/k and the ratio falls to F at k ≈ nS/(F − 1): the transient
   * this predicts ({@link #transientIterations}). Empty for topologies without a period.
   */
  public static OptionalDouble consensusNoise(Topology t) {
    int n = t.size();
    if (t.period().isEmpty()) {
      return OptionalDouble.empty();
    }
    int period = t.period().getAsInt();
    DMatrixRMaj average = new DMatrixRMaj(n, n);
    CommonOps_DDRM.fill(average, 1.0 / n);
    if (period == 1) {
      DMatrixRMaj b = deviation(t.weights(0), average);
      DMatrixRMaj q = new DMatrixRMaj(n, n);
      CommonOps_DDRM.multTransB(b, b, q);
      return OptionalDouble.of(CommonOps_DDRM.trace(lyapunov(b, q)) / n);
    }
    // P^(k+1) = B^(k) (P^(k) + I) B^(k)ᵀ from P = 0, iterated until one period repeats the last
    DMatrixRMaj p = new DMatrixRMaj(n, n);
    DMatrixRMaj plusI = new DMatrixRMaj(n, n);
    DMatrixRMaj tmp = new DMatrixRMaj(n, n);
    double previous = Double.NaN;
    for (int round = 0; round < 100_000; round++) {
      double sum = 0;
      for (int k = 0; k < period; k++) {
        DMatrixRMaj b = deviation(t.weights((long) round * period + k), average);
        plusI.setTo(p);
        for (int i = 0; i < n; i++) {
          plusI.add(i, i, 1);
        }
        CommonOps_DDRM.mult(b, plusI, tmp);
        CommonOps_DDRM.multTransB(tmp, b, p);
        sum += CommonOps_DDRM.trace(p);
      }
      double mean = sum / period / n;
      if (Math.abs(mean - previous) <= 1e-12 * Math.max(1, Math.abs(mean))) {
        return OptionalDouble.of(mean);
      }
      previous = mean;
    }
    throw new IllegalStateException(t.name() + ": consensus noise did not converge");
  }

  /** nS/(F − 1), the transient {@link #consensusNoise} predicts under γ_k = 1/(k + 1). */
  public static double transientIterations(int n, double consensusNoise, double factor) {
    return n * consensusNoise / (factor - 1);
  }

  private static DMatrixRMaj deviation(WeightMatrix w, DMatrixRMaj average) {
    DMatrixRMaj b = new DMatrixRMaj(w.toDense());
    CommonOps_DDRM.subtractEquals(b, average);
    return b;
  }

  /** Σ_{t≥0} A^t Q (Aᵀ)^t by doubling; A's spectral radius must be below 1. */
  static DMatrixRMaj lyapunov(DMatrixRMaj a, DMatrixRMaj q) {
    int n = a.numRows;
    DMatrixRMaj p = new DMatrixRMaj(q);
    DMatrixRMaj am = new DMatrixRMaj(a);
    DMatrixRMaj tmp = new DMatrixRMaj(n, n);
    DMatrixRMaj term = new DMatrixRMaj(n, n);
    for (int j = 0; j < MAX_DOUBLINGS; j++) {
      CommonOps_DDRM.mult(am, p, tmp);
      CommonOps_DDRM.multTransB(tmp, am, term);
      CommonOps_DDRM.addEquals(p, term);
      if (CommonOps_DDRM.elementMaxAbs(term) <= 1e-17 * CommonOps_DDRM.elementMaxAbs(p)) {
        return p;
      }
      CommonOps_DDRM.mult(am, am, tmp);
      am.setTo(tmp);
    }
    throw new IllegalStateException("the Lyapunov sum did not converge (spectral radius >= 1?)");
  }
}
