package org.gossipbench.analysis.compare;

/**
 * One configuration's metric at BASE against HEAD.
 *
 * @param change HEAD/BASE ratio of medians for ratio metrics, HEAD − BASE median difference in
 *     points for accuracies
 * @param low the 95 % interval of the change; NaN when there is none
 * @param noise the run-to-run noise the threshold was set from
 * @param threshold the floor, {@link RegressionRule#threshold}
 * @param baseLoad median 1-minute load average of BASE's runs (NaN when not logged)
 */
public record Comparison(
    String benchmark,
    String key,
    Metric metric,
    int baseRuns,
    int headRuns,
    double baseMedian,
    double headMedian,
    double baseLoad,
    double headLoad,
    double change,
    double low,
    double high,
    Noise noise,
    double threshold,
    Verdict verdict) {

  public enum Verdict {
    REGRESSION("REGRESSION"),
    IMPROVED("improved"),
    WITHIN_NOISE("within noise"),
    NO_INTERVAL("no interval");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
