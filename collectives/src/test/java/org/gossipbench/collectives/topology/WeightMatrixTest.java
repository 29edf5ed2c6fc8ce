package org.gossipbench.collectives.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeightMatrixTest {

  @Test
  void shouldSumDuplicateEntriesAndSortColumns() {
    WeightMatrix w =
        WeightMatrix.builder(2).add(0, 1, 0.25).add(0, 0, 0.5).add(0, 1, 0.25).add(1, 0, 1).build();
    assertEquals(0.5, w.get(0, 1));
    assertEquals(0, w.column(w.rowStart(0)));
    assertEquals(1, w.column(w.rowStart(0) + 1));
    assertEquals(3, w.nonZeros());
    assertEquals(0.0, w.selfWeight(1));
    assertEquals(1, w.inDegree(0));
    assertEquals(1, w.inDegree(1));
  }

  @Test
  void shouldTransposeSoRowsListReceivers() {
    WeightMatrix w = TopologyRegistry.create("exp", 8).weights(0);
    WeightMatrix t = w.transpose();
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        assertEquals(w.get(i, j), t.get(j, i));
      }
    }
    assertEquals(w, t.transpose());
    assertFalse(w.isSymmetric());
    assertTrue(TopologyRegistry.create("ring", 8).weights(0).isSymmetric());
  }

  /**
   * A directed circulant, doubly stochastic with unequal weights: node i keeps 1/2, receives 3/8
   * from i+1 and 1/8 from i+2 (mod 3). W ≠ Wᵀ, so a product taken with the wrong orientation
   * differs.
   */
  private static WeightMatrix directedCirculant() {
    WeightMatrix.Builder b = WeightMatrix.builder(3);
    for (int i = 0; i < 3; i++) {
      b.add(i, i, 0.5).add(i, (i + 1) % 3, 0.375).add(i, (i + 2) % 3, 0.125);
    }
    return b.build();
  }

  @Test
  void shouldMultiplyWithReceiverRowOrientation() {
    WeightMatrix w = directedCirculant();
    assertFalse(w.isSymmetric());
    assertEquals(0.375, w.get(0, 1));
    assertEquals(0.125, w.get(1, 0));
    double[] out = new double[3];
    w.multiply(new double[] {0, 8, 16}, out);
    // x0 = 1/2·0 + 3/8·8 + 1/8·16; the transpose would give 1/2·0 + 1/8·8 + 3/8·16 = 7.
    assertArrayEquals(new double[] {5, 10, 9}, out, 1e-15);
    w.transpose().multiply(new double[] {0, 8, 16}, out);
    assertArrayEquals(new double[] {7, 6, 11}, out, 1e-15);
  }

  @Test
  void shouldMixTwoRoundsAsWSquaredTimesX() {
    WeightMatrix w = directedCirculant();
    Topology fixed =
        new Topology() {
          @Override
          public String name() {
            return "directed-circulant";
          }

          @Override
          public int size() {
            return 3;
          }

          @Override
          public WeightMatrix weights(long iteration) {
            return w;
          }
        };
    double[][] values = ConsensusSimulation.run(fixed, new double[] {0, 8, 16}, new long[] {1, 2});
    assertArrayEquals(new double[] {5, 10, 9}, values[0], 1e-15);
    // W(5, 10, 9) = (5/2 + 30/8 + 9/8, 5/8 + 5 + 27/8, 15/8 + 10/8 + 9/2); the mean stays 8.
    assertArrayEquals(new double[] {7.375, 9, 7.625}, values[1], 1e-15);
  }

  @Test
  void shouldLetOnePeerExponentialNodeIReceiveFromIPlusTwoToTheK() {
    Topology t = TopologyRegistry.create("one-peer-exp", 8);
    for (int k = 0; k < 3; k++) {
      WeightMatrix w = t.weights(k);
      int hop = 1 << k;
      double[] x = new double[8];
      x[hop] = 1.0;
      double[] out = new double[8];
      w.multiply(x, out);
      double[] heardBy = new double[8];
      heardBy[0] = 0.5;
      heardBy[hop] = 0.5;
      assertArrayEquals(heardBy, out, 0.0, "k=" + k);
      assertEquals(0.5, w.get(0, hop), 0.0, "k=" + k);
      assertEquals(hop == 4 ? 0.5 : 0.0, w.get(hop, 0), 0.0, "k=" + k);
    }
  }
}
