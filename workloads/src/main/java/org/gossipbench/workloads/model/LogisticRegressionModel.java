package org.gossipbench.workloads.model;

import java.util.Arrays;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;

/**
 * Multinomial (softmax) logistic regression in FLOAT64: C classes, weights W ∈ R^{C×d} and biases b
 * ∈ R^C, laid out flat as W row-major (class c's weights at {@code [c·d, (c+1)·d)}) followed by b
 * at {@code [C·d, C·d + C)}. On a batch of m rows,
 *
 * <pre>
 * f(W, b) = (1/m) Σ_j [logsumexp_c(z_jc) − z_j,y_j] + (μ/2)‖W‖²,   z_jc = W_cᵀa_j + b_c,
 * ∂f/∂W_c = (1/m) Σ_j (p_jc − [y_j = c]) a_j + μW_c,   ∂f/∂b_c = (1/m) Σ_j (p_jc − [y_j = c]),
 * </pre>
 *
 * with p = softmax(z) computed after subtracting max_c z (stable log-sum-exp). Biases are not
 * regularized. Binary classification is C = 2. Starts at 0 on every node; {@link #gradient}
 * allocates nothing. Not thread-safe (the logit scratch is per model).
 */
public final class LogisticRegressionModel implements Model {
  private final int d;
  private final int classes;
  private final double mu;
  private final double[] theta;
  private final DoubleBuf params;
  private final double[] z;

  public LogisticRegressionModel(int featureCount, int numClasses, double mu) {
    if (featureCount < 1) {
      throw new IllegalArgumentException("logistic regression needs at least one feature");
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException(
          "logistic regression needs at least 2 classes, got " + numClasses);
    }
    if (!(mu >= 0)) {
      throw new IllegalArgumentException("regularization mu must be >= 0, got " + mu);
    }
    this.d = featureCount;
    this.classes = numClasses;
    this.mu = mu;
    this.theta = new double[classes * d + classes];
    this.params = new DoubleBuf(theta);
    this.z = new double[classes];
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
    return theta.length;
  }

  @Override
  public Buf parameters() {
    return params;
  }

  /** z = logits of row {@code row} under w; returns log Σ exp z (stable). */
  private double logits(double[] w, float[] a, int row) {
    int bias = classes * d;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      double s = w[bias + c];
      int wc = c * d;
      for (int k = 0; k < d; k++) {
        s += w[wc + k] * a[row + k];
      }
      z[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(z[c] - max);
    }
    return max + Math.log(sum);
  }

  @Override
  public double gradient(Batch batch, Buf gradient) {
    double[] g = ((DoubleBuf) gradient).array();
    Arrays.fill(g, 0, theta.length, 0.0);
    int m = batch.size();
    float[] a = batch.features();
    int[] y = batch.labels();
    int bias = classes * d;
    double loss = 0;
    for (int j = 0; j < m; j++) {
      int row = j * d;
      double lse = logits(theta, a, row);
      loss += lse - z[y[j]];
      for (int c = 0; c < classes; c++) {
        double delta = Math.exp(z[c] - lse) - (c == y[j] ? 1 : 0);
        int wc = c * d;
        for (int k = 0; k < d; k++) {
          g[wc + k] += delta * a[row + k];
        }
        g[bias + c] += delta;
      }
    }
    double inv = 1.0 / m;
    double norm2 = 0;
    for (int i = 0; i < bias; i++) {
      g[i] = g[i] * inv + mu * theta[i];
      norm2 += theta[i] * theta[i];
    }
    for (int i = bias; i < theta.length; i++) {
      g[i] *= inv;
    }
    return loss * inv + 0.5 * mu * norm2;
  }

  @Override
  public Evaluation evaluate(Buf at, Dataset data, int from, int to) {
    double[] w = ((DoubleBuf) at).array();
    float[] a = data.features();
    double loss = 0;
    long correct = 0;
    for (int j = from; j < to; j++) {
      double lse = logits(w, a, j * d);
      int y = data.label(j);
      loss += lse - z[y];
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (z[c] > z[best]) {
          best = c;
        }
      }
      if (best == y) {
        correct++;
      }
    }
    return new Evaluation(to - from, loss, correct);
  }

  @Override
  public String describe() {
    return "multinomial logistic regression, d="
        + d
        + ", classes="
        + classes
        + ", mu="
        + mu
        + ", float64, "
        + theta.length
        + " parameters";
  }
}
