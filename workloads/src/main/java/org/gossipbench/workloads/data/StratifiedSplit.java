package org.gossipbench.workloads.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed train/test split of a dataset that publishes none. Part of the dataset's definition,
 * not of a run: the seed is a constant, so every run and every machine tests on the same rows. Per
 * class (in label order), the class's row indices are shuffled by Fisher–Yates with one {@code
 * SplittableRandom(SEED)} stream shared across classes, and the first {@code round(fraction ×
 * count)} go to the test set; both sets list their rows in ascending order.
 */
public final class StratifiedSplit {
  /** The split's seed, fixed forever: changing it changes every tabular dataset. */
  public static final long SEED = 20_260_101L;

  /** The test share of every tabular dataset. */
  public static final double TEST_FRACTION = 0.2;

  private StratifiedSplit() {}

  /** {@code {train indices, test indices}}. */
  public static int[][] split(int[] labels, int numClasses, double testFraction, long seed) {
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < numClasses; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] test = new int[labels.length];
    int[] train = new int[labels.length];
    int nTest = 0;
    int nTrain = 0;
    for (List<Integer> rows : byClass) {
      int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
      for (int i = r.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = r[i];
        r[i] = r[j];
        r[j] = t;
      }
      int k = (int) Math.round(testFraction * r.length);
      for (int i = 0; i < r.length; i++) {
        if (i < k) {
          test[nTest++] = r[i];
        } else {
          train[nTrain++] = r[i];
        }
      }
    }
    int[] tr = Arrays.copyOf(train, nTrain);
    int[] te = Arrays.copyOf(test, nTest);
    Arrays.sort(tr);
    Arrays.sort(te);
    return new int[][] {tr, te};
  }
}
