package org.gossipbench.workloads.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real datasets, where fetched ({@code $GOSSIPBENCH_DATA}, else the checkout's data folder):
 * sizes, shapes and label counts as published.
 */
class InstalledDatasetsTest {
  private static Path dataDir() {
    String env = System.getenv(DataDir.ENV);
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "data");
  }

  private static void assumeInstalled(String source) {
    InstallState s = InstallState.check(DataCatalog.standard().source(source), dataDir());
    Assumptions.assumeTrue(
        s.status() == InstallState.Status.INSTALLED,
        source + " not fetched: run gossipbench data fetch " + source);
  }

  private static DatasetSplits load(String name) {
    return DatasetRegistry.load(name, dataDir());
  }

  @Test
  void shouldHoldMnistAsPublished() {
    assumeInstalled("mnist");
    DatasetSplits d = load("mnist");
    assertArrayEquals(
        new long[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
        d.train().labelHistogram());
    assertArrayEquals(
        new long[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
        d.test().labelHistogram());
    assertArrayEquals(new int[] {1, 28, 28}, d.train().sampleShape());
    float max = 0;
    for (float x : d.train().features()) {
      max = Math.max(max, x);
    }
    assertEquals(1f, max);
  }

  @Test
  void shouldHoldFashionMnistBalanced() {
    assumeInstalled("fashion-mnist");
    DatasetSplits d = load("fashion-mnist");
    long[] train = new long[10];
    long[] test = new long[10];
    java.util.Arrays.fill(train, 6000);
    java.util.Arrays.fill(test, 1000);
    assertArrayEquals(train, d.train().labelHistogram());
    assertArrayEquals(test, d.test().labelHistogram());
  }

  @Test
  void shouldSplitSpambaseEightyTwenty() {
    assumeInstalled("spambase");
    DatasetSplits d = load("spambase");
    assertArrayEquals(new long[] {2230, 1450}, d.train().labelHistogram());
    assertArrayEquals(new long[] {558, 363}, d.test().labelHistogram());
    assertArrayEquals(new int[] {57}, d.train().sampleShape());
  }

  @Test
  void shouldLoadEveryScikitLearnSet() {
    assumeInstalled("sklearn");
    DatasetSplits digits = load("sklearn:digits");
    assertEquals(1797, digits.train().size() + digits.test().size());
    assertArrayEquals(new int[] {64}, digits.train().sampleShape());
    float max = 0;
    for (float x : digits.train().features()) {
      max = Math.max(max, x);
    }
    assertEquals(1f, max);
    DatasetSplits cancer = load("sklearn:breast-cancer");
    assertArrayEquals(new long[] {170, 286}, cancer.train().labelHistogram());
    assertArrayEquals(new long[] {42, 71}, cancer.test().labelHistogram());
    DatasetSplits iris = load("sklearn:iris");
    assertArrayEquals(new long[] {40, 40, 40}, iris.train().labelHistogram());
    DatasetSplits wine = load("sklearn:wine");
    assertArrayEquals(new long[] {47, 57, 38}, wine.train().labelHistogram());
    assertArrayEquals(new int[] {13}, wine.train().sampleShape());
  }

  @Test
  void shouldReadTheWholeBrownCorpus() {
    assumeInstalled("brown");
    List<BrownCorpus.Document> docs = BrownCorpus.load(dataDir());
    assertEquals(500, docs.size());
    assertEquals("news", docs.get(0).category());
    assertEquals("humor", docs.get(499).category());
    assertEquals(57_340, docs.stream().mapToInt(d -> d.sentences().size()).sum());
    assertEquals(
        1_161_192, docs.stream().flatMap(d -> d.sentences().stream()).mapToInt(List::size).sum());
    assertEquals(new TaggedWord("The", "at"), docs.get(0).sentences().get(0).get(0));
    assertTrue(docs.stream().allMatch(d -> !d.category().isEmpty()));
  }
}
