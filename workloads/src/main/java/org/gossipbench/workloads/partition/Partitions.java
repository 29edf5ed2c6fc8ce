package org.gossipbench.workloads.partition;

import java.util.SplittableRandom;

/** Checks and summaries shared by every {@link Partitioner}. */
public final class Partitions {
  private Partitions() {}

  /** The contract's bounds on n, with a one-line message. */
  public static void checkNodeCount(int n, int samples) {
    if (n < 1) {
      throw new IllegalArgumentException("number of nodes must be at least 1, got " + n);
    }
    if (n > samples) {
      throw new IllegalArgumentException(
          "cannot split " + samples + " samples over " + n + " nodes: every node needs one");
    }
  }

  /**
   * Each node's label histogram, {@code [node][class]}: the heterogeneity a run records in its
   * provenance.
   */
  public static long[][] labelHistograms(int[][] parts, int[] labels, int numClasses) {
    long[][] h = new long[parts.length][Math.max(numClasses, 1)];
    for (int k = 0; k < parts.length; k++) {
      for (int i : parts[k]) {
        h[k][labels[i]]++;
      }
    }
    return h;
  }

  /**
   * Mean over nodes of the total-variation distance between a node's label distribution and the
   * whole set's: 0 when every node looks like the whole, near 1 when each holds one class.
   */
  public static double meanTotalVariation(int[][] parts, int[] labels, int numClasses) {
    long[][] h = labelHistograms(parts, labels, numClasses);
    double[] global = new double[h[0].length];
    for (int l : labels) {
      global[l] += 1.0 / labels.length;
    }
    double sum = 0;
    for (int k = 0; k < parts.length; k++) {
      double tv = 0;
      for (int c = 0; c < global.length; c++) {
        tv += Math.abs((double) h[k][c] / parts[k].length - global[c]);
      }
      sum += tv / 2;
    }
    return sum / parts.length;
  }

  static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Cuts {@code order} into n contiguous slices whose sizes differ by at most one. */
  static int[][] slices(int[] order, int n) {
    int[][] parts = new int[n][];
    int base = order.length / n;
    int extra = order.length % n;
    int start = 0;
    for (int k = 0; k < n; k++) {
      int size = base + (k < extra ? 1 : 0);
      parts[k] = java.util.Arrays.copyOfRange(order, start, start + size);
      start += size;
    }
    return parts;
  }
}
