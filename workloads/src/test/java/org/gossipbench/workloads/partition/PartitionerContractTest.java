package org.gossipbench.workloads.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered partition promises, whatever its skew. */
class PartitionerContractTest {
  static Stream<String> specs() {
    return Stream.of(
        "iid", "sorted", "dirichlet:alpha=0.01", "dirichlet:alpha=0.5", "dirichlet:alpha=100");
  }

  private static int[] labels(int n, int classes) {
    SplittableRandom r = new SplittableRandom(5);
    return IntStream.range(0, n).map(i -> r.nextInt(classes)).toArray();
  }

  @ParameterizedTest
  @MethodSource("specs")
  void shouldGiveEverySampleToExactlyOneNodeAndEveryNodeASample(String spec) {
    int[] labels = labels(1000, 10);
    for (int n : new int[] {1, 3, 16, 200, 1000}) {
      int[][] parts = PartitionRegistry.parse(spec).split(labels, 10, n, new SplittableRandom(1));
      assertEquals(n, parts.length);
      int[] seen = new int[labels.length];
      for (int[] p : parts) {
        assertTrue(p.length >= 1, spec + " n=" + n + ": an empty node");
        for (int i : p) {
          seen[i]++;
        }
      }
      for (int i = 0; i < seen.length; i++) {
        assertEquals(1, seen[i], spec + " n=" + n + ": sample " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void shouldRepeatForTheSameSeed(String spec) {
    int[] labels = labels(500, 4);
    Partitioner p = PartitionRegistry.parse(spec);
    int[][] a = p.split(labels, 4, 7, new SplittableRandom(11));
    int[][] b = p.split(labels, 4, 7, new SplittableRandom(11));
    for (int k = 0; k < a.length; k++) {
      assertArrayEquals(a[k], b[k]);
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void shouldRejectANodeCountOutsideOneToTheSampleCount(String spec) {
    int[] labels = labels(20, 2);
    Partitioner p = PartitionRegistry.parse(spec);
    assertEquals(
        "number of nodes must be at least 1, got 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> p.split(labels, 2, 0, new SplittableRandom(1)))
            .getMessage());
    assertEquals(
        "cannot split 20 samples over 21 nodes: every node needs one",
        assertThrows(
                IllegalArgumentException.class,
                () -> p.split(labels, 2, 21, new SplittableRandom(1)))
            .getMessage());
  }
}
