package org.gossipbench.workloads.model;

import java.util.SplittableRandom;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;

/**
 * A one-hidden-layer perceptron in pure Java, float32: D inputs, H ReLU units, C softmax outputs,
 * mean cross entropy. It is the host reference of the GPU MLP ({@code CublasMlp} in workloads-gpu):
 * the same flat layout, the same initialization and the same equations, written as loops so that
 * tests check the cuBLAS call sequence against it and finite differences check it; on a GPU run it
 * evaluates x̄ on the host.
 *
 * <p><b>Layout</b> (column-major, the orientation cuBLAS reads): W1 ∈ R^{H×D} at {@code [0, HD)},
 * element (h, d) at {@code h + d·H}; b1 ∈ R^H; W2 ∈ R^{C×H}, element (c, h) at {@code c + h·C}; b2
 * ∈ R^C. On a batch X ∈ R^{D×B} (sample j is column j, i.e. the batch's row-major rows):
 *
 * <pre>
 *   Z1 = W1 X + b1 1ᵀ,  A1 = max(Z1, 0),  Z2 = W2 A1 + b2 1ᵀ,  P = softmax(Z2) per column,
 *   f = (1/B) Σ_j −log P[y_j, j],   G = (P − Y)/B,
 *   ∂W2 = G A1ᵀ,  ∂b2 = G 1,  ∂A1 = W2ᵀ G,  ∂Z1 = ∂A1 ⊙ [Z1 &gt; 0],  ∂W1 = ∂Z1 Xᵀ,  ∂b1 = ∂Z1 1.
 * </pre>
 *
 * <p><b>Initialization</b> from the seed: weights normal with variance 2/(fan-in + fan-out)
 * (Xavier, as DL4J's {@code WeightInit.XAVIER}, though not DL4J's random stream), biases 0. Every
 * node builds the same x⁽⁰⁾. {@link #gradient} allocates nothing. Not thread-safe.
 */
public final class DenseMlp implements Model {
  private final int inputs;
  private final int hidden;
  private final int classes;
  private final float[] theta;
  private final FloatBuf params;
  private final float[] evalTheta; // evaluate()'s copy of x: x may be any Buf, heap or direct
  private final FloatBuf evalParams;
  private float[] z1; // [H × rows] per sample column; grown to the batch's capacity once
  private float[] z2;
  private float[] da1;

  public DenseMlp(int inputs, int hidden, int classes, long seed) {
    if (inputs < 1 || hidden < 1 || classes < 2) {
      throw new IllegalArgumentException(
          "an MLP needs inputs, hidden units >= 1 and classes >= 2, got "
              + inputs
              + "-"
              + hidden
              + "-"
              + classes);
    }
    this.inputs = inputs;
    this.hidden = hidden;
    this.classes = classes;
    this.theta = new float[parameterCount(inputs, hidden, classes)];
    this.params = new FloatBuf(theta);
    this.evalTheta = new float[theta.length];
    this.evalParams = new FloatBuf(evalTheta);
    initialize(theta, inputs, hidden, classes, seed);
  }

  /** HD + H + CH + C. */
  public static int parameterCount(int inputs, int hidden, int classes) {
    return Math.addExact(
        Math.addExact(Math.multiplyExact(hidden, inputs), hidden),
        Math.addExact(Math.multiplyExact(classes, hidden), classes));
  }

  /** x⁽⁰⁾ into {@code theta}: what the GPU model uploads, so both start from the same point. */
  public static void initialize(float[] theta, int inputs, int hidden, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x6D6C70L);
    double s1 = Math.sqrt(2.0 / (inputs + hidden));
    double s2 = Math.sqrt(2.0 / (hidden + classes));
    int w1 = hidden * inputs;
    int w2 = w1 + hidden;
    java.util.Arrays.fill(theta, 0f);
    for (int i = 0; i < w1; i++) {
      theta[i] = (float) (s1 * gaussian(random));
    }
    for (int i = 0; i < classes * hidden; i++) {
      theta[w2 + i] = (float) (s2 * gaussian(random));
    }
  }

  /** Box–Muller from the seeded stream (the same numbers on every JVM, unlike nextGaussian). */
  private static double gaussian(SplittableRandom r) {
    double u = 1.0 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  public int inputs() {
    return inputs;
  }

  public int hidden() {
    return hidden;
  }

  public int classes() {
    return classes;
  }

  /** Offset of b1 in the flat vector (W1 is at 0). */
  public int b1Offset() {
    return hidden * inputs;
  }

  /** Offset of W2. */
  public int w2Offset() {
    return b1Offset() + hidden;
  }

  /** Offset of b2. */
  public int b2Offset() {
    return w2Offset() + classes * hidden;
  }

  @Override
  public DType dtype() {
    return DType.FLOAT32;
  }

  @Override
  public int parameterCount() {
    return theta.length;
  }

  @Override
  public Buf parameters() {
    return params;
  }

  private void ensure(int rows) {
    if (z1 == null || z1.length < hidden * rows) {
      z1 = new float[hidden * rows];
      da1 = new float[hidden * rows];
      z2 = new float[classes * rows];
    }
  }

  /** Z1 (pre-activation) and Z2 (logits) of {@code rows} samples under {@code w}. */
  private void forward(float[] w, float[] x, int xOffset, int rows) {
    int b1 = b1Offset();
    int w2 = w2Offset();
    int b2 = b2Offset();
    for (int j = 0; j < rows; j++) {
      int zj = j * hidden;
      System.arraycopy(w, b1, z1, zj, hidden);
      int xj = xOffset + j * inputs;
      for (int d = 0; d < inputs; d++) {
        float a = x[xj + d];
        if (a != 0f) { // MNIST is mostly zeros
          int col = d * hidden;
          for (int h = 0; h < hidden; h++) {
            z1[zj + h] += w[col + h] * a;
          }
        }
      }
      int oj = j * classes;
      System.arraycopy(w, b2, z2, oj, classes);
      for (int h = 0; h < hidden; h++) {
        float a = Math.max(z1[zj + h], 0f);
        if (a != 0f) {
          int col = w2 + h * classes;
          for (int c = 0; c < classes; c++) {
            z2[oj + c] += w[col + c] * a;
          }
        }
      }
    }
  }

  /**
   * Column j of {@code logits} (C values at {@code offset}) turned into P − onehot(label), scaled
   * by {@code scale}; returns −log P[label]. Shared with the GPU model, which does this part on the
   * host.
   */
  public static double softmaxCrossEntropy(
      float[] logits, int offset, int classes, int label, float scale) {
    float max = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, logits[offset + c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += Math.exp(logits[offset + c] - max);
    }
    double logSum = Math.log(sum);
    double loss = logSum - (logits[offset + label] - max);
    for (int c = 0; c < classes; c++) {
      double p = Math.exp(logits[offset + c] - max - logSum);
      logits[offset + c] = (float) ((p - (c == label ? 1 : 0)) * scale);
    }
    return loss;
  }

  @Override
  public double gradient(Batch batch, Buf gradient) {
    if (!(gradient instanceof FloatBuf g) || g.length() != theta.length) {
      throw new IllegalArgumentException(
          "the gradient must be a float32 heap buffer of " + theta.length + " elements");
    }
    int rows = batch.size();
    ensure(rows);
    float[] x = batch.features();
    forward(theta, x, 0, rows);
    float[] out = g.array();
    java.util.Arrays.fill(out, 0f);
    int b1 = b1Offset();
    int w2 = w2Offset();
    int b2 = b2Offset();
    double loss = 0;
    float scale = 1f / rows;
    for (int j = 0; j < rows; j++) {
      loss += softmaxCrossEntropy(z2, j * classes, classes, batch.labels()[j], scale);
    }
    for (int j = 0; j < rows; j++) {
      int zj = j * hidden;
      int oj = j * classes;
      for (int c = 0; c < classes; c++) {
        out[b2 + c] += z2[oj + c];
      }
      for (int h = 0; h < hidden; h++) {
        float a = Math.max(z1[zj + h], 0f);
        int col = w2 + h * classes;
        float s = 0f;
        for (int c = 0; c < classes; c++) {
          float gc = z2[oj + c];
          out[col + c] += gc * a;
          s += theta[col + c] * gc;
        }
        da1[zj + h] = z1[zj + h] > 0f ? s : 0f;
      }
      for (int h = 0; h < hidden; h++) {
        out[b1 + h] += da1[zj + h];
      }
      int xj = j * inputs;
      for (int d = 0; d < inputs; d++) {
        float a = x[xj + d];
        if (a != 0f) {
          int col = d * hidden;
          for (int h = 0; h < hidden; h++) {
            out[col + h] += da1[zj + h] * a;
          }
        }
      }
    }
    return loss / rows;
  }

  /** The mean loss at the current parameters on {@code batch}, without a gradient (for tests). */
  public double loss(Batch batch) {
    int rows = batch.size();
    ensure(rows);
    forward(theta, batch.features(), 0, rows);
    double loss = 0;
    for (int j = 0; j < rows; j++) {
      loss += softmaxCrossEntropy(z2, j * classes, classes, batch.labels()[j], 1f);
    }
    return loss / rows;
  }

  @Override
  public Evaluation evaluate(Buf x, Dataset data, int from, int to) {
    if (x.length() != theta.length) {
      throw new IllegalArgumentException(
          "x has " + x.length() + " elements, the MLP " + theta.length);
    }
    x.copyTo(0, evalParams, 0, theta.length);
    ensure(1);
    float[] features = data.features();
    double lossSum = 0;
    long correct = 0;
    for (int i = from; i < to; i++) {
      forward(evalTheta, features, i * inputs, 1);
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (z2[c] > z2[best]) {
          best = c;
        }
      }
      int label = data.label(i);
      if (best == label) {
        correct++;
      }
      lossSum += softmaxCrossEntropy(z2, 0, classes, label, 1f);
    }
    return new Evaluation(to - from, lossSum, correct);
  }

  @Override
  public String describe() {
    return "MLP "
        + inputs
        + "-"
        + hidden
        + "-"
        + classes
        + " (ReLU, softmax), pure Java float32, "
        + theta.length
        + " parameters";
  }
}
