package org.gossipbench.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonsTest {
  private static final RegressionRule RULE = RegressionRule.DEFAULT;

  @Test
  void shouldPoolTheVarianceOfEveryCommitWithTwoRunsOrMore() {
    // Points: {80, 82, 84} has variance 4, {90, 91} 0.5, {70} none: (2*4 + 1*0.5) / 3.
    Noise n =
        Noise.pooled(
            Metric.BEST_ACCURACY,
            List.of(
                new double[] {0.80, 0.82, 0.84}, new double[] {0.90, 0.91}, new double[] {0.7}));
    assertEquals(3, n.degreesOfFreedom());
    assertEquals(Math.sqrt(8.5 / 3), n.sigma(), 1e-9);
    assertTrue(Double.isNaN(Noise.pooled(Metric.THROUGHPUT, List.of(new double[] {1})).sigma()));
  }

  @Test
  void shouldBuildTheIntervalFromTheMeasuredNoiseAndStudentsT() {
    double[] interval =
        Comparisons.interval(new double[] {0, 0}, new double[] {1, 1, 1}, new Noise(0.5, 4));
    double halfWidth = 2.7764451051977987 * 0.5 * Math.sqrt(1 / 2.0 + 1 / 3.0);
    assertEquals(1 - halfWidth, interval[0], 1e-9);
    assertEquals(1 + halfWidth, interval[1], 1e-9);
  }

  @Test
  void shouldFlagOnlyAnIntervalWhollyBeyondTheFloorOnTheWorseSide() {
    assertTrue(RULE.regression(Metric.COLLECTIVE_TIME, 1.06, 3));
    assertFalse(RULE.regression(Metric.COLLECTIVE_TIME, 1.04, 3));
    assertFalse(RULE.regression(Metric.COLLECTIVE_TIME, 0.2, 0.5), "faster is no regression");
    assertTrue(RULE.regression(Metric.BUS_BANDWIDTH, 0.3, 0.95));
    assertFalse(RULE.regression(Metric.BUS_BANDWIDTH, 0.3, 0.96));
    assertTrue(RULE.regression(Metric.BEST_ACCURACY, -3, -1.01));
    assertFalse(RULE.regression(Metric.BEST_ACCURACY, -3, -0.99));
    assertFalse(RULE.regression(Metric.BEST_ACCURACY, Double.NaN, Double.NaN));
  }

  @Test
  void shouldCompareAccuracyInPointsAndTimesAsARatioOfMedians() {
    Comparison accuracy =
        Comparisons.compareOne(
            "training",
            "k",
            Metric.BEST_ACCURACY,
            new double[] {0.9, 0.9},
            new double[] {0.88, 0.88},
            new double[0],
            new double[0],
            new Noise(0, 2),
            RULE);
    assertEquals(-2, accuracy.change(), 1e-9);
    assertEquals(Comparison.Verdict.REGRESSION, accuracy.verdict());
    Comparison time =
        Comparisons.compareOne(
            "collective",
            "k",
            Metric.COLLECTIVE_TIME,
            new double[] {1, 2, 4},
            new double[] {1, 2, 4},
            new double[0],
            new double[0],
            new Noise(0.1, 4),
            RULE);
    assertEquals(1, time.change(), 1e-12);
    assertEquals(Comparison.Verdict.WITHIN_NOISE, time.verdict());
  }

  @Test
  void shouldOrderCommitsByTheirEarliestRunAndResolveUniquePrefixes() {
    List<Observation> runs =
        List.of(
            run("ffff01", "2026-01-02T00:00:00Z"),
            run("0000aa", "2026-01-03T00:00:00Z"),
            run("ffff02", "2026-01-01T00:00:00Z"),
            run("0000aa", "2026-01-01T12:00:00Z"));
    CommitHistory h = CommitHistory.of(runs);
    assertEquals(List.of("ffff02", "0000aa", "ffff01"), h.commits());
    assertEquals("0000aa", h.resolve("00"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> h.resolve("ff"));
    assertEquals(
        "ambiguous commit ff; known commits, oldest first: ffff02 0000aa ffff01", e.getMessage());
  }

  @Test
  void shouldOrderCommitsByTheHistoryWhereItHoldsThemAndTheRestByStartTime() {
    List<Observation> runs =
        List.of(
            run("ffff01", "2026-01-02T00:00:00Z"),
            run("0000aa", "2026-01-03T00:00:00Z"),
            run("ffff02", "2026-01-01T00:00:00Z"),
            run("cccc03", "2026-01-04T00:00:00Z"),
            run("dddd04", "2026-01-01T00:00:00Z"));
    // the history disagrees with the clock: 0000aa was committed first, then ffff01, ffff02
    CommitOrder order = new CommitOrder(List.of("0000aa", "1111", "ffff01", "ffff02"), "repo");
    CommitHistory h = CommitHistory.of(runs, order);
    assertEquals(List.of("0000aa", "ffff01", "ffff02", "dddd04", "cccc03"), h.commits());
    assertEquals(
        "Commits are in the order of the git history of repo where it holds them (3 of 5); the"
            + " other 2 follow in the order of their runs' start times.",
        h.orderText());
    CommitHistory all = CommitHistory.of(runs.subList(0, 3), order);
    assertEquals(List.of("0000aa", "ffff01", "ffff02"), all.commits());
    assertEquals("Commits are in the order of the git history of repo.", all.orderText());
    assertTrue(CommitHistory.of(runs).orderText().contains("no git history was given"));
  }

  private static Observation run(String commit, String start) {
    return new Observation(
        "collective", "k", Metric.COLLECTIVE_TIME, commit, false, Instant.parse(start), 1, "r", 1);
  }
}
