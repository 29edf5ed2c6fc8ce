package org.gossipbench.workloads.model;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;

/**
 * Ridge least squares in FLOAT64 for exact theory checks: on a batch of m rows (a_j, y_j),
 *
 * <pre>f(x) = (1/2m) Σ_j (a_jᵀx − y_j)² + (μ/2)‖x‖²,   ∇f(x) = (1/m) Σ_j (a_jᵀx − y_j) a_j + μx.
 * </pre>
 *
 * x ∈ R^d with d the feature count (no intercept: append a constant column to the data if one is
 * wanted). Targets come from {@link Batch#targets()} / {@link Dataset#targets()}. {@link #evaluate}
 * sums the per-sample loss ½(aᵀx − y)², without the regularizer, and reports {@code correct} = 0.
 * Starts at x⁽⁰⁾ = 0 on every node. {@link #gradient} allocates nothing.
 */
public final class LeastSquaresModel implements Model {
  private final int d;
  private final double mu;
  private final double[] x;
  private final DoubleBuf params;

  public LeastSquaresModel(int featureCount, double mu) {
    if (featureCount < 1) {
      throw new IllegalArgumentException("least squares needs at least one feature");
    }
    if (!(mu >= 0)) {
      throw new IllegalArgumentException("regularization mu must be >= 0, got " + mu);
    }
    this.d = featureCount;
    this.mu = mu;
    this.x = new double[d];
    this.params = new DoubleBuf(x);
  }

  public double mu() {
    return mu;
  }

  @Override
  public DType dtype() {
    return DType.FLOAT64;
  }

  @Override
  public int parameterCount() {
    return d;
  }

  @Override
  public Buf parameters() {
    return params;
  }

  @Override
  public double gradient(Batch batch, Buf gradient) {
    double[] g = ((DoubleBuf) gradient).array();
    int m = batch.size();
    float[] a = batch.features();
    float[] y = batch.targets();
    java.util.Arrays.fill(g, 0, d, 0.0);
    double sq = 0;
    for (int j = 0; j < m; j++) {
      int row = j * d;
      double r = -y[j];
      for (int k = 0; k < d; k++) {
        r += a[row + k] * x[k];
      }
      sq += r * r;
      for (int k = 0; k < d; k++) {
        g[k] += r * a[row + k];
      }
    }
    double inv = 1.0 / m;
    double norm2 = 0;
    for (int k = 0; k < d; k++) {
      g[k] = g[k] * inv + mu * x[k];
      norm2 += x[k] * x[k];
    }
    return 0.5 * sq * inv + 0.5 * mu * norm2;
  }

  @Override
  public Evaluation evaluate(Buf at, Dataset data, int from, int to) {
    double[] w = ((DoubleBuf) at).array();
    float[] a = data.features();
    float[] y = data.targets();
    if (y == null) {
      throw new IllegalArgumentException(data.name() + " has no regression targets");
    }
    double sum = 0;
    for (int j = from; j < to; j++) {
      int row = j * d;
      double r = -y[j];
      for (int k = 0; k < d; k++) {
        r += a[row + k] * w[k];
      }
      sum += 0.5 * r * r;
    }
    return new Evaluation(to - from, sum, 0);
  }

  @Override
  public String describe() {
    return "least squares, d=" + d + ", mu=" + mu + ", float64, " + d + " parameters";
  }
}
