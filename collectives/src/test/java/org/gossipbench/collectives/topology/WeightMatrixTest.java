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

  @Test
  void shouldMultiplyWithReceiverRowOrientation() {
    // Node 0 receives everything from node 1: x0 <- x1.
    WeightMatrix w = WeightMatrix.builder(2).add(0, 1, 1).add(1, 0, 1).build();
    double[] out = new double[2];
    w.multiply(new double[] {3, 5}, out);
    assertArrayEquals(new double[] {5, 3}, out);
    assertEquals(1, w.maxOutDegree());
  }
}
