package org.gossipbench.collectives.topology;

/**
 * Builds circulant weight matrices: node i receives weight w_m from i + offset_m (mod n). Offsets
 * that coincide mod n (a ring with n = 2, an exponential graph whose offsets wrap) have their
 * weights summed, which keeps the matrix doubly stochastic and the closed forms valid.
 */
final class Circulant {
  private Circulant() {}

  static WeightMatrix of(int n, int[] offsets, double[] weights) {
    WeightMatrix.Builder b = WeightMatrix.builder(n);
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < offsets.length; m++) {
        b.add(i, Math.floorMod(i + offsets[m], n), weights[m]);
      }
    }
    return b.build();
  }

  /** ⌈log₂ n⌉ computed with integers (n = 1 gives 0). */
  static int ceilLog2(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }

  static boolean isPowerOfTwo(int n) {
    return n >= 1 && (n & (n - 1)) == 0;
  }
}
