package org.gossipbench.workloads.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.LogisticRegressionModel;

/**
 * Generates n nodes' classification data for multinomial logistic regression with a heterogeneity
 * knob ζ: node i labels its samples a ~ N(0, I_d) by a softmax over (W₀ + ζ·U_i) a, where the
 * shifts U_i (C×d) satisfy Σ_i U_i = 0 and (1/n) Σ_i ‖U_i‖² = 1, so the nodes disagree about the
 * classifier as ζ grows. The objective is {@link LogisticRegressionModel}'s: f = (1/n) Σ_i f_i, f_i
 * the mean cross-entropy on node i's data + (μ/2)‖W‖², strongly convex in W for μ &gt; 0 (the
 * biases' common shift is flat, and every gradient keeps their sum at 0, so gradient methods from x
 * = 0 stay where the optimum is unique).
 *
 * <p>No closed form exists, so the optimum is computed by full-batch gradient descent in double
 * with step 1/L (L bounds the Hessian: ½·max‖a‖² + μ) until ‖∇f‖ &lt; {@code 1e-10}: "exact" to
 * that residual, which {@link LogisticProblem#gradientNormAtOptimum()} reports. Every random draw
 * comes from the seed.
 *
 * @param nodes n
 * @param samplesPerNode m
 * @param dimension d
 * @param classes C ≥ 2
 * @param zeta ζ, the heterogeneity knob
 * @param mu μ &gt; 0
 * @param heldOutSamples held-out rows in total, drawn from every node's distribution alike
 * @param seed every draw's seed
 */
public record HeterogeneousLogistic(
    int nodes,
    int samplesPerNode,
    int dimension,
    int classes,
    double zeta,
    double mu,
    int heldOutSamples,
    long seed) {

  static final double TOLERANCE = 1e-10;
  static final int MAX_ITERATIONS = 200_000;

  public HeterogeneousLogistic {
    if (nodes < 1 || samplesPerNode < 1 || dimension < 1 || classes < 2 || heldOutSamples < 0) {
      throw new IllegalArgumentException(
          "need nodes, samples per node, dimension >= 1, classes >= 2, held-out >= 0; got "
              + nodes
              + ", "
              + samplesPerNode
              + ", "
              + dimension
              + ", "
              + classes
              + ", "
              + heldOutSamples);
    }
    if (!(zeta >= 0) || !(mu > 0)) {
      throw new IllegalArgumentException("need zeta >= 0 and mu > 0; got " + zeta + ", " + mu);
    }
  }

  /**
   * The problem, with x* and b² at x*.
   *
   * @param nodeData node i's samples
   * @param heldOut the evaluation set
   * @param optimum x* in {@link LogisticRegressionModel}'s flat layout
   * @param optimalValue f(x*)
   * @param heterogeneity b² = (1/n) Σ_i ‖∇f_i(x*)‖² (SPEC &sect;1, ∇f(x*) = 0)
   * @param gradientNormAtOptimum ‖∇f(x*)‖ actually reached (below 1e-10)
   */
  public record LogisticProblem(
      List<Dataset> nodeData,
      Dataset heldOut,
      double[] optimum,
      double optimalValue,
      double heterogeneity,
      double gradientNormAtOptimum) {}

  public LogisticProblem generate() {
    Random rng = new Random(seed);
    int d = dimension;
    int c = classes;
    double[][] truth = ShiftedTruths.draw(rng, nodes, c * d, zeta);
    List<Dataset> local = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      local.add(
          sample("synthetic-logreg-node" + i, rng, new double[][] {truth[i]}, samplesPerNode));
    }
    Dataset heldOut = sample("synthetic-logreg-heldout", rng, truth, heldOutSamples);
    return solve(local, heldOut);
  }

  private Dataset sample(String name, Random rng, double[][] truths, int rows) {
    int d = dimension;
    float[] f = new float[rows * d];
    int[] labels = new int[rows];
    double[] logits = new double[classes];
    for (int r = 0; r < rows; r++) {
      double[] w = truths[r % truths.length];
      for (int k = 0; k < d; k++) {
        f[r * d + k] = (float) rng.nextGaussian();
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int cl = 0; cl < classes; cl++) {
        double z = 0;
        for (int k = 0; k < d; k++) {
          z += w[cl * d + k] * f[r * d + k];
        }
        logits[cl] = z;
        max = Math.max(max, z);
      }
      double total = 0;
      for (int cl = 0; cl < classes; cl++) {
        logits[cl] = Math.exp(logits[cl] - max);
        total += logits[cl];
      }
      double u = rng.nextDouble() * total;
      int label = classes - 1;
      for (int cl = 0; cl < classes; cl++) {
        u -= logits[cl];
        if (u < 0) {
          label = cl;
          break;
        }
      }
      labels[r] = label;
    }
    return new Dataset(name, f, labels, null, new int[] {d}, classes);
  }

  private LogisticProblem solve(List<Dataset> local, Dataset heldOut) {
    int d = dimension;
    LogisticRegressionModel[] models = new LogisticRegressionModel[nodes];
    Batch[] batches = new Batch[nodes];
    double maxSq = 0;
    for (int i = 0; i < nodes; i++) {
      models[i] = new LogisticRegressionModel(d, classes, mu);
      batches[i] = new Batch(samplesPerNode, d);
      Dataset data = local.get(i);
      for (int r = 0; r < samplesPerNode; r++) {
        batches[i].add(data, r);
        double sq = 1; // the bias's constant input
        for (int k = 0; k < d; k++) {
          double a = data.features()[r * d + k];
          sq += a * a;
        }
        maxSq = Math.max(maxSq, sq);
      }
    }
    int p = models[0].parameterCount();
    double step = 1 / (0.5 * maxSq + mu);
    double[] x = new double[p];
    double[] grad = new double[p];
    DoubleBuf g = new DoubleBuf(new double[p]);
    double gradNorm = Double.POSITIVE_INFINITY;
    double value = 0;
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      value = fullGradient(models, batches, x, g, grad);
      gradNorm = norm(grad);
      if (gradNorm < TOLERANCE) {
        break;
      }
      for (int k = 0; k < p; k++) {
        x[k] -= step * grad[k];
      }
    }
    if (!(gradNorm < TOLERANCE)) {
      throw new IllegalArgumentException(
          "synthetic logistic problem did not converge: |grad f| = " + gradNorm);
    }
    double b2 = 0;
    for (int i = 0; i < nodes; i++) {
      load(models[i], x);
      models[i].gradient(batches[i], g);
      double s = 0;
      for (double v : g.array()) {
        s += v * v;
      }
      b2 += s / nodes;
    }
    return new LogisticProblem(List.copyOf(local), heldOut, x, value, b2, gradNorm);
  }

  /** ∇f = (1/n) Σ_i ∇f_i into {@code grad}; returns f. */
  private double fullGradient(
      LogisticRegressionModel[] models, Batch[] batches, double[] x, DoubleBuf g, double[] grad) {
    java.util.Arrays.fill(grad, 0);
    double value = 0;
    for (int i = 0; i < nodes; i++) {
      load(models[i], x);
      value += models[i].gradient(batches[i], g) / nodes;
      double[] gi = g.array();
      for (int k = 0; k < grad.length; k++) {
        grad[k] += gi[k] / nodes;
      }
    }
    return value;
  }

  private static void load(LogisticRegressionModel m, double[] x) {
    System.arraycopy(x, 0, ((DoubleBuf) m.parameters()).array(), 0, x.length);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    return Math.sqrt(s);
  }
}
