package org.gossipbench.workloads.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionersTest {
  private static final int[] LABELS = IntStream.range(0, 6000).map(i -> (i * 7) % 10).toArray();

  @Test
  void shouldGiveIidShardsSizesWithinOneAndTheGlobalMix() {
    int[][] parts = new IidPartitioner().split(LABELS, 10, 7, new SplittableRandom(3));
    int min = Arrays.stream(parts).mapToInt(p -> p.length).min().orElseThrow();
    int max = Arrays.stream(parts).mapToInt(p -> p.length).max().orElseThrow();
    assertTrue(max - min <= 1);
    assertTrue(Partitions.meanTotalVariation(parts, LABELS, 10) < 0.1);
    int[][] other = new IidPartitioner().split(LABELS, 10, 7, new SplittableRandom(4));
    assertFalse(Arrays.equals(parts[0], other[0]), "another seed, another split");
  }

  @Test
  void shouldCutSortedShardsFromTheStableLabelOrder() {
    int[][] parts = new SortedPartitioner().split(LABELS, 10, 4, null);
    int[] concatenated = Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    int[] expected =
        IntStream.range(0, LABELS.length)
            .boxed()
            .sorted((a, b) -> Integer.compare(LABELS[a], LABELS[b]))
            .mapToInt(Integer::intValue)
            .toArray();
    assertArrayEquals(expected, concatenated);
    for (int[] p : parts) {
      assertEquals(1500, p.length);
    }
    assertEquals(0.7, Partitions.meanTotalVariation(parts, LABELS, 10), 1e-9);
  }

  @Test
  void shouldSkewDirichletFarMoreAtSmallAlphaThanAtLargeAlpha() {
    double skewed =
        Partitions.meanTotalVariation(
            new DirichletPartitioner(0.1).split(LABELS, 10, 10, new SplittableRandom(8)),
            LABELS,
            10);
    double mild =
        Partitions.meanTotalVariation(
            new DirichletPartitioner(100).split(LABELS, 10, 10, new SplittableRandom(8)),
            LABELS,
            10);
    assertTrue(skewed > 0.5, "alpha=0.1: mean TV " + skewed);
    assertTrue(mild < 0.1, "alpha=100: mean TV " + mild);
  }

  @Test
  void shouldDrawGammaVariatesWithMeanAndVarianceEqualToTheShape() {
    SplittableRandom r = new SplittableRandom(21);
    for (double shape : new double[] {0.1, 0.7, 1, 3.5}) {
      int n = 40_000;
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double g = Math.exp(DirichletPartitioner.logGamma(r, shape));
        sum += g;
        squares += g * g;
      }
      double mean = sum / n;
      double variance = squares / n - mean * mean;
      assertEquals(shape, mean, 0.03 * Math.max(1, shape), "mean at shape " + shape);
      assertEquals(shape, variance, 0.1 * Math.max(1, shape), "variance at shape " + shape);
    }
  }

  @Test
  void shouldCountEachNodesLabels() {
    int[] labels = {0, 1, 1, 2, 2, 2};
    long[][] h = Partitions.labelHistograms(new int[][] {{0, 3}, {1, 2, 4, 5}}, labels, 3);
    assertArrayEquals(new long[] {1, 0, 1}, h[0]);
    assertArrayEquals(new long[] {0, 2, 2}, h[1]);
  }
}
