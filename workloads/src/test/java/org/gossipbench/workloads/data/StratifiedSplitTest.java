package org.gossipbench.workloads.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
  @Test
  void shouldPartitionTheRowsKeepingEachClassShare() {
    int[] labels = IntStream.range(0, 1000).map(i -> i % 7 == 0 ? 1 : 0).toArray();
    int[][] s = StratifiedSplit.split(labels, 2, 0.2, StratifiedSplit.SEED);
    int[] all = IntStream.concat(Arrays.stream(s[0]), Arrays.stream(s[1])).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 1000).toArray(), all);
    long ones = Arrays.stream(s[1]).filter(i -> labels[i] == 1).count();
    assertEquals(Math.round(0.2 * 143), ones);
    assertEquals(Math.round(0.2 * 857) + ones, s[1].length);
  }

  @Test
  void shouldDependOnlyOnItsFixedSeed() {
    int[] labels = IntStream.range(0, 300).map(i -> i % 3).toArray();
    assertArrayEquals(
        StratifiedSplit.split(labels, 3, 0.2, StratifiedSplit.SEED)[1],
        StratifiedSplit.split(labels, 3, 0.2, StratifiedSplit.SEED)[1]);
  }
}
