package org.gossipbench.analysis.compare;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * BASE against HEAD for every configuration and metric both have runs of, under a {@link
 * RegressionRule}. Deterministic: intervals are t intervals (Commons Math), not resampled. The
 * noise is pooled over the commits given, for each configuration and metric on its own.
 */
public final class Comparisons {
  private Comparisons() {}

  /**
   * @param noiseFrom the commits whose repeats measure the noise: one commit ({@code --noise-from})
   *     or every commit
   */
  public static List<Comparison> compare(
      List<Observation> observations,
      String base,
      String head,
      Collection<String> noiseFrom,
      RegressionRule rule) {
    Map<String, List<Observation>> bySeries = series(observations);
    List<Comparison> out = new ArrayList<>();
    for (List<Observation> s : bySeries.values()) {
      double[] b = values(s, base);
      double[] h = values(s, head);
      if (b.length == 0 || h.length == 0) {
        continue;
      }
      Observation first = s.get(0);
      Metric metric = first.metric();
      Map<String, double[]> perCommit = new TreeMap<>();
      for (String c : noiseFrom) {
        perCommit.put(c, values(s, c));
      }
      Noise noise = Noise.pooled(metric, perCommit.values());
      out.add(
          compareOne(
              first.benchmark(),
              first.key(),
              metric,
              b,
              h,
              loads(s, base),
              loads(s, head),
              noise,
              rule));
    }
    return List.copyOf(out);
  }

  /**
   * Observations grouped by (benchmark, key, metric), in that order (metrics in {@link
   * Metric#all()} order), each group in input order.
   */
  public static Map<String, List<Observation>> series(List<Observation> observations) {
    Map<String, List<Observation>> bySeries = new TreeMap<>();
    for (Observation o : observations) {
      bySeries.computeIfAbsent(seriesId(o), k -> new ArrayList<>()).add(o);
    }
    return bySeries;
  }

  private static String seriesId(Observation o) {
    return o.benchmark() + "\u0000" + o.key() + "\u0000" + Metric.all().indexOf(o.metric());
  }

  /** The raw values of {@code commit}'s runs in a series, in input order. */
  public static double[] values(List<Observation> series, String commit) {
    return series.stream()
        .filter(o -> o.commit().equals(commit))
        .mapToDouble(Observation::value)
        .toArray();
  }

  private static double[] loads(List<Observation> series, String commit) {
    return series.stream()
        .filter(o -> o.commit().equals(commit))
        .mapToDouble(Observation::load)
        .filter(x -> !Double.isNaN(x))
        .toArray();
  }

  static Comparison compareOne(
      String benchmark,
      String key,
      Metric metric,
      double[] base,
      double[] head,
      double[] baseLoads,
      double[] headLoads,
      Noise noise,
      RegressionRule rule) {
    double baseMedian = median(base);
    double headMedian = median(head);
    boolean ratio = metric.scale() == Metric.Scale.RATIO;
    double change = ratio ? headMedian / baseMedian : (headMedian - baseMedian) * 100;
    double[] interval =
        interval(Noise.transform(metric, base), Noise.transform(metric, head), noise);
    double low = ratio ? Math.exp(interval[0]) : interval[0];
    double high = ratio ? Math.exp(interval[1]) : interval[1];
    double threshold = rule.threshold(metric);
    Comparison.Verdict verdict;
    if (Double.isNaN(low)) {
      verdict = Comparison.Verdict.NO_INTERVAL;
    } else if (rule.regression(metric, low, high)) {
      verdict = Comparison.Verdict.REGRESSION;
    } else if (rule.regression(flipped(metric), low, high)) {
      verdict = Comparison.Verdict.IMPROVED;
    } else {
      verdict = Comparison.Verdict.WITHIN_NOISE;
    }
    return new Comparison(
        benchmark,
        key,
        metric,
        base.length,
        head.length,
        baseMedian,
        headMedian,
        baseLoads.length == 0 ? Double.NaN : median(baseLoads),
        headLoads.length == 0 ? Double.NaN : median(headLoads),
        change,
        low,
        high,
        noise,
        threshold,
        verdict);
  }

  private static Metric flipped(Metric m) {
    return new Metric(m.name(), m.unit(), m.scale(), !m.lowerIsBetter());
  }

  /**
   * 95 % interval of mean(head) − mean(base) on transformed values, from the measured noise (see
   * {@link RegressionRule}); {NaN, NaN} when the noise was not measured.
   */
  static double[] interval(double[] base, double[] head, Noise noise) {
    if (Double.isNaN(noise.sigma())) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double d = StatUtils.mean(head) - StatUtils.mean(base);
    double se = noise.sigma() * Math.sqrt(1.0 / base.length + 1.0 / head.length);
    if (se == 0) {
      return new double[] {d, d};
    }
    double t =
        new TDistribution(null, noise.degreesOfFreedom()).inverseCumulativeProbability(0.975);
    return new double[] {d - t * se, d + t * se};
  }

  private static double median(double[] values) {
    return new Median().evaluate(values);
  }

  /** Whether any comparison is a regression. */
  public static boolean anyRegression(List<Comparison> comparisons) {
    return comparisons.stream().anyMatch(c -> c.verdict() == Comparison.Verdict.REGRESSION);
  }

  /**
   * The comparisons as a table, one row each: medians in the metric's unit, the change ("x" ratio
   * or "pt" points) with its interval, σ, the floor, the verdict, and each side's median load.
   */
  public static Table table(List<Comparison> comparisons) {
    StringColumn benchmark = StringColumn.create("benchmark");
    StringColumn key = StringColumn.create("configuration");
    StringColumn metric = StringColumn.create("metric");
    IntColumn baseRuns = IntColumn.create("base_runs");
    IntColumn headRuns = IntColumn.create("head_runs");
    DoubleColumn baseMedian = DoubleColumn.create("base_median");
    DoubleColumn headMedian = DoubleColumn.create("head_median");
    StringColumn changeAs = StringColumn.create("change_as");
    DoubleColumn change = DoubleColumn.create("change");
    DoubleColumn low = DoubleColumn.create("ci_low");
    DoubleColumn high = DoubleColumn.create("ci_high");
    DoubleColumn sigma = DoubleColumn.create("noise_sigma");
    DoubleColumn threshold = DoubleColumn.create("floor");
    StringColumn verdict = StringColumn.create("verdict");
    DoubleColumn baseLoad = DoubleColumn.create("base_load");
    DoubleColumn headLoad = DoubleColumn.create("head_load");
    for (Comparison c : comparisons) {
      benchmark.append(c.benchmark());
      key.append(c.key());
      metric.append(
          c.metric().name() + (c.metric().unit().isEmpty() ? "" : " (" + c.metric().unit() + ")"));
      baseRuns.append(c.baseRuns());
      headRuns.append(c.headRuns());
      baseMedian.append(c.baseMedian());
      headMedian.append(c.headMedian());
      changeAs.append(
          c.metric().scale() == Metric.Scale.RATIO ? "x (head/base)" : "pt (head-base)");
      change.append(c.change());
      appendOrMissing(low, c.low());
      appendOrMissing(high, c.high());
      appendOrMissing(sigma, c.noise().sigma());
      threshold.append(c.threshold());
      verdict.append(c.verdict().label());
      appendOrMissing(baseLoad, c.baseLoad());
      appendOrMissing(headLoad, c.headLoad());
    }
    return Table.create(
        "compare",
        benchmark,
        key,
        metric,
        baseRuns,
        headRuns,
        baseMedian,
        headMedian,
        changeAs,
        change,
        low,
        high,
        sigma,
        threshold,
        verdict,
        baseLoad,
        headLoad);
  }

  private static void appendOrMissing(DoubleColumn c, double v) {
    if (Double.isNaN(v)) {
      c.appendMissing();
    } else {
      c.append(v);
    }
  }
}
