package org.gossipbench.workloads.partition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code dirichlet:alpha=A}: label skew as in Hsu, Qi and Brown (2019). For each class in turn,
 * proportions over the n nodes are drawn from Dirichlet(α, …, α) and the class's shuffled samples
 * are dealt out in those proportions (cut points at the rounded cumulative sums). Small α gives
 * each node a few classes, large α approaches iid. A node left empty then takes one sample from the
 * largest node, so every node has at least one.
 *
 * <p>Dirichlet draws are normalized Gamma(α, 1) draws, by Marsaglia and Tsang's method (ACM TOMS
 * 2000); for α &lt; 1 by their boost Gamma(α) = Gamma(α + 1)·U^{1/α}, kept in logarithms because
 * U^{1/α} underflows to 0 for α near 0.01.
 */
public final class DirichletPartitioner implements Partitioner {
  private final double alpha;

  public DirichletPartitioner(double alpha) {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException(
          "dirichlet: alpha must be a positive number, got " + alpha);
    }
    this.alpha = alpha;
  }

  public double alpha() {
    return alpha;
  }

  @Override
  public String spec() {
    return "dirichlet:alpha=" + BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString();
  }

  @Override
  public int[][] split(int[] labels, int numClasses, int n, SplittableRandom random) {
    Partitions.checkNodeCount(n, labels.length);
    List<List<Integer>> nodes = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      nodes.add(new ArrayList<>());
    }
    int[][] byClass = indicesByClass(labels, numClasses);
    double[] p = new double[n];
    for (int[] rows : byClass) {
      Partitions.shuffle(rows, random);
      dirichlet(random, p);
      double cumulative = 0;
      int from = 0;
      for (int k = 0; k < n; k++) {
        cumulative += p[k];
        int to =
            k == n - 1
                ? rows.length
                : (int) Math.min(rows.length, Math.round(cumulative * rows.length));
        for (int i = from; i < to; i++) {
          nodes.get(k).add(rows[i]);
        }
        from = Math.max(from, to);
      }
    }
    for (List<Integer> node : nodes) {
      if (node.isEmpty()) {
        List<Integer> largest = nodes.get(0);
        for (List<Integer> other : nodes) {
          if (other.size() > largest.size()) {
            largest = other;
          }
        }
        node.add(largest.remove(largest.size() - 1));
      }
    }
    int[][] parts = new int[n][];
    for (int k = 0; k < n; k++) {
      parts[k] = nodes.get(k).stream().mapToInt(Integer::intValue).toArray();
      Arrays.sort(parts[k]);
    }
    return parts;
  }

  private static int[][] indicesByClass(int[] labels, int numClasses) {
    int[] counts = new int[numClasses];
    for (int l : labels) {
      counts[l]++;
    }
    int[][] rows = new int[numClasses][];
    for (int c = 0; c < numClasses; c++) {
      rows[c] = new int[counts[c]];
    }
    int[] fill = new int[numClasses];
    for (int i = 0; i < labels.length; i++) {
      rows[labels[i]][fill[labels[i]]++] = i;
    }
    return rows;
  }

  /** Fills {@code p} with one Dirichlet(α, …, α) draw. */
  void dirichlet(SplittableRandom random, double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < p.length; k++) {
      p[k] = logGamma(random, alpha);
      max = Math.max(max, p[k]);
    }
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(p[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
  }

  /** The logarithm of one Gamma(shape, 1) draw. */
  static double logGamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      double u = 1 - random.nextDouble(); // in (0, 1]: log stays finite
      return logGamma(random, shape + 1) + Math.log(u) / shape;
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    for (; ; ) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return Math.log(d * v);
      }
    }
  }
}
