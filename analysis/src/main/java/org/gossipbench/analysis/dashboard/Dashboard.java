package org.gossipbench.analysis.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.gossipbench.analysis.NumberText;
import org.gossipbench.analysis.compare.CommitHistory;
import org.gossipbench.analysis.compare.CommitOrder;
import org.gossipbench.analysis.compare.Comparison;
import org.gossipbench.analysis.compare.Comparisons;
import org.gossipbench.analysis.compare.Metric;
import org.gossipbench.analysis.compare.Observation;
import org.gossipbench.analysis.compare.RegressionRule;

/**
 * The commit dashboard: one static {@code index.html}, opened from disk with no server and no
 * script, with every benchmark configuration's metric over commits (inline SVG, {@link SvgChart}),
 * the latest commit against a baseline with the ratio (or points) and its interval, the regressions
 * flagged by a {@link RegressionRule} stated on the page, and the load average beside every point.
 * Section ids are derived from the configuration (a hash of it), and nothing on the page depends on
 * when it was written, so the same runs give the same bytes.
 */
public final class Dashboard {
  /**
   * @param head the latest commit
   * @param baseline the commit it is compared with
   * @param series how many (configuration, metric) sections the page has
   * @param regressions how many of them the rule flags
   */
  public record Summary(String head, String baseline, int series, int regressions) {}

  private Dashboard() {}

  /**
   * Writes {@code dir/index.html}.
   *
   * @param baseline the commit to compare the latest with; null for the one before the latest
   * @throws IllegalArgumentException when there are no runs, or the baseline is unknown
   */
  public static Summary write(
      Path dir, List<Observation> observations, String baseline, RegressionRule rule)
      throws IOException {
    return write(dir, observations, baseline, rule, CommitOrder.NONE);
  }

  /**
   * Writes {@code dir/index.html} with the commits in {@code order} where it holds them.
   *
   * @throws IllegalArgumentException when there are no runs, or the baseline is unknown
   */
  public static Summary write(
      Path dir,
      List<Observation> observations,
      String baseline,
      RegressionRule rule,
      CommitOrder order)
      throws IOException {
    String html = render(observations, baseline, rule, order);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("index.html"), html, StandardCharsets.UTF_8);
    return summary(observations, baseline, rule, order);
  }

  private static Summary summary(
      List<Observation> observations, String baseline, RegressionRule rule, CommitOrder order) {
    CommitHistory history = CommitHistory.of(observations, order);
    String head = head(history);
    String base = baseline(history, baseline);
    List<Comparison> cs = Comparisons.compare(observations, base, head, history.commits(), rule);
    return new Summary(
        head,
        base,
        Comparisons.series(observations).size(),
        (int) cs.stream().filter(c -> c.verdict() == Comparison.Verdict.REGRESSION).count());
  }

  private static String head(CommitHistory history) {
    if (history.commits().isEmpty()) {
      throw new IllegalArgumentException(
          "no collective or run-summary results among the files read: nothing to show");
    }
    return history.commits().get(history.commits().size() - 1);
  }

  private static String baseline(CommitHistory history, String requested) {
    if (requested != null) {
      return history.resolve(requested);
    }
    int n = history.commits().size();
    return history.commits().get(Math.max(0, n - 2));
  }

  /** The page, as {@link #write} writes it. */
  public static String render(
      List<Observation> observations, String baseline, RegressionRule rule) {
    return render(observations, baseline, rule, CommitOrder.NONE);
  }

  /** The page, as {@link #write} writes it, with the commits in {@code order}. */
  public static String render(
      List<Observation> observations, String baseline, RegressionRule rule, CommitOrder order) {
    CommitHistory history = CommitHistory.of(observations, order);
    String head = head(history);
    String base = baseline(history, baseline);
    Map<String, List<Observation>> series = Comparisons.series(observations);
    List<Comparison> comparisons =
        Comparisons.compare(observations, base, head, history.commits(), rule);
    Map<String, Comparison> bySeries = new LinkedHashMap<>();
    for (Comparison c : comparisons) {
      bySeries.put(c.benchmark() + "\u0000" + c.key() + "\u0000" + c.metric().name(), c);
    }
    StringBuilder p = new StringBuilder();
    p.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>gossipbench: metrics over commits</title>\n")
        .append("<style>\n")
        .append("body{font-family:sans-serif;margin:2em;max-width:1100px}\n")
        .append("table{border-collapse:collapse;margin:1em 0;font-size:13px}\n")
        .append("td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}\n")
        .append("td.l,th.l{text-align:left}\n")
        .append("tr.regression td{background:#fdd;font-weight:bold}\n")
        .append("tr.improved td{background:#dfd}\n")
        .append("p.rule{background:#eef;padding:.6em;border-left:4px solid #88c}\n")
        .append("code{font-size:12px}\n")
        .append("</style>\n</head>\n<body>\n");
    p.append("<h1>gossipbench: metrics over commits</h1>\n");
    p.append("<p>Head (latest commit): <code>")
        .append(CommitHistory.shortHash(head))
        .append("</code>; baseline: <code>")
        .append(CommitHistory.shortHash(base))
        .append("</code>. <span id=\"order\">")
        .append(Html.escape(history.orderText()))
        .append(
            "</span> * marks a commit with runs from a dirty tree. The load is the 1-minute load average logged when each run")
        .append(" started (<code>/proc/loadavg</code>): other work on the machine slows")
        .append(" timings.</p>\n");
    p.append("<p class=\"rule\" id=\"rule\">").append(Html.escape(rule.text())).append("</p>\n");
    commits(p, history, observations);
    long flagged =
        comparisons.stream().filter(c -> c.verdict() == Comparison.Verdict.REGRESSION).count();
    p.append("<h2>Head against baseline</h2>\n<p id=\"verdict\">")
        .append(flagged)
        .append(flagged == 1 ? " regression" : " regressions")
        .append(" flagged in ")
        .append(comparisons.size())
        .append(" comparisons.</p>\n");
    comparisonTable(p, comparisons);
    String benchmark = null;
    for (Map.Entry<String, List<Observation>> e : series.entrySet()) {
      Observation first = e.getValue().get(0);
      if (!first.benchmark().equals(benchmark)) {
        benchmark = first.benchmark();
        p.append("<h2>").append(Html.escape(benchmark)).append("</h2>\n");
      }
      Comparison c =
          bySeries.get(
              first.benchmark() + "\u0000" + first.key() + "\u0000" + first.metric().name());
      section(p, history, e.getValue(), base, c);
    }
    p.append("</body>\n</html>\n");
    return p.toString();
  }

  private static void commits(StringBuilder p, CommitHistory history, List<Observation> all) {
    p.append("<h2>Commits</h2>\n<table id=\"commits\">\n<tr><th>#</th><th class=\"l\">commit</th>")
        .append("<th>dirty</th><th>results (run, configuration, metric)</th>")
        .append("<th class=\"l\">first run</th></tr>\n");
    int i = 0;
    for (String c : history.commits()) {
      long count = all.stream().filter(o -> o.commit().equals(c)).count();
      String firstRun =
          all.stream()
              .filter(o -> o.commit().equals(c))
              .map(Observation::startTime)
              .min(java.util.Comparator.naturalOrder())
              .map(Object::toString)
              .orElse("-");
      p.append("<tr><td>")
          .append(i++)
          .append("</td><td class=\"l\"><code>")
          .append(Html.escape(c))
          .append("</code></td><td>")
          .append(history.dirty(c) ? "yes" : "no")
          .append("</td><td>")
          .append(count)
          .append("</td><td class=\"l\">")
          .append(firstRun)
          .append("</td></tr>\n");
    }
    p.append("</table>\n");
  }

  private static void comparisonTable(StringBuilder p, List<Comparison> comparisons) {
    p.append("<table id=\"comparison\">\n<tr><th class=\"l\">configuration</th>")
        .append("<th class=\"l\">metric</th><th>base runs</th><th>head runs</th>")
        .append("<th>base median</th><th>head median</th><th>change</th><th>95% CI</th>")
        .append("<th>floor</th><th class=\"l\">verdict</th><th>base load</th>")
        .append("<th>head load</th></tr>\n");
    for (Comparison c : comparisons) {
      String cls =
          switch (c.verdict()) {
            case REGRESSION -> " class=\"regression\"";
            case IMPROVED -> " class=\"improved\"";
            default -> "";
          };
      p.append("<tr")
          .append(cls)
          .append("><td class=\"l\"><a href=\"#")
          .append(sectionId(c.benchmark(), c.key(), c.metric()))
          .append("\">")
          .append(Html.escape(c.benchmark() + ": " + c.key()))
          .append("</a></td><td class=\"l\">")
          .append(Html.escape(label(c.metric())))
          .append("</td><td>")
          .append(c.baseRuns())
          .append("</td><td>")
          .append(c.headRuns())
          .append("</td><td>")
          .append(value(c.metric(), c.baseMedian()))
          .append("</td><td>")
          .append(value(c.metric(), c.headMedian()))
          .append("</td><td>")
          .append(change(c.metric(), c.change()))
          .append("</td><td>")
          .append(
              Double.isNaN(c.low())
                  ? "-"
                  : "[" + change(c.metric(), c.low()) + ", " + change(c.metric(), c.high()) + "]")
          .append("</td><td>")
          .append(threshold(c))
          .append("</td><td class=\"l\">")
          .append(c.verdict().label())
          .append("</td><td>")
          .append(SvgChart.load(c.baseLoad()))
          .append("</td><td>")
          .append(SvgChart.load(c.headLoad()))
          .append("</td></tr>\n");
    }
    p.append("</table>\n");
  }

  private static void section(
      StringBuilder p,
      CommitHistory history,
      List<Observation> series,
      String base,
      Comparison comparison) {
    Observation first = series.get(0);
    Metric metric = first.metric();
    p.append("<section id=\"")
        .append(sectionId(first.benchmark(), first.key(), metric))
        .append("\">\n<h3>")
        .append(Html.escape(first.key()))
        .append(": ")
        .append(Html.escape(label(metric)))
        .append("</h3>\n");
    if (comparison != null) {
      p.append("<p>Head against baseline: ")
          .append(change(metric, comparison.change()))
          .append(
              Double.isNaN(comparison.low())
                  ? ""
                  : ", 95% CI ["
                      + change(metric, comparison.low())
                      + ", "
                      + change(metric, comparison.high())
                      + "]")
          .append(", floor ")
          .append(threshold(comparison))
          .append(": <strong>")
          .append(comparison.verdict().label())
          .append("</strong>.</p>\n");
    }
    List<SvgChart.Column> columns = new ArrayList<>();
    for (String c : history.commits()) {
      List<Observation> runs = series.stream().filter(o -> o.commit().equals(c)).toList();
      if (runs.isEmpty()) {
        continue;
      }
      double[] values = runs.stream().mapToDouble(o -> display(metric, o.value())).toArray();
      double[] loads = runs.stream().mapToDouble(Observation::load).toArray();
      columns.add(
          new SvgChart.Column(c, history.dirty(c), values, loads, new Median().evaluate(values)));
    }
    p.append(SvgChart.render(first.key() + " " + metric.name(), unit(metric), columns, base));
    p.append("<table>\n<tr><th class=\"l\">commit</th><th>runs</th><th>median</th><th>min</th>")
        .append("<th>max</th><th>median load</th><th class=\"l\">load per run</th></tr>\n");
    for (SvgChart.Column c : columns) {
      double min = java.util.Arrays.stream(c.values()).min().orElse(Double.NaN);
      double max = java.util.Arrays.stream(c.values()).max().orElse(Double.NaN);
      List<String> loads = new ArrayList<>();
      for (double l : c.loads()) {
        loads.add(SvgChart.load(l));
      }
      p.append("<tr><td class=\"l\"><code>")
          .append(CommitHistory.shortHash(c.commit()))
          .append(c.dirty() ? "*" : "")
          .append("</code></td><td>")
          .append(c.values().length)
          .append("</td><td>")
          .append(NumberText.significant(c.median(), 4))
          .append("</td><td>")
          .append(NumberText.significant(min, 4))
          .append("</td><td>")
          .append(NumberText.significant(max, 4))
          .append("</td><td>")
          .append(SvgChart.load(SvgChart.medianLoad(c.loads())))
          .append("</td><td class=\"l\">")
          .append(String.join(" ", loads))
          .append("</td></tr>\n");
    }
    p.append("</table>\n</section>\n");
  }

  /** Accuracies are shown in percent, as their changes are in points. */
  private static double display(Metric m, double v) {
    return m.scale() == Metric.Scale.POINTS ? v * 100 : v;
  }

  private static String unit(Metric m) {
    return m.scale() == Metric.Scale.POINTS ? "%" : m.unit();
  }

  private static String label(Metric m) {
    return m.name() + " (" + unit(m) + ")";
  }

  private static String value(Metric m, double v) {
    return NumberText.significant(display(m, v), 4);
  }

  private static String change(Metric m, double v) {
    return m.scale() == Metric.Scale.RATIO
        ? NumberText.fixed(v, 3) + "x"
        : (v > 0 ? "+" : "") + NumberText.fixed(v, 2) + " pt";
  }

  private static String threshold(Comparison c) {
    return c.metric().scale() == Metric.Scale.RATIO
        ? (c.metric().lowerIsBetter() ? "> " : "< ")
            + NumberText.fixed(c.metric().lowerIsBetter() ? c.threshold() : 1 / c.threshold(), 3)
            + "x"
        : (c.metric().lowerIsBetter() ? "> +" : "< -") + NumberText.fixed(c.threshold(), 2) + " pt";
  }

  /** "s" and 12 hex digits of the SHA-256 of the configuration and metric: stable across runs. */
  static String sectionId(String benchmark, String key, Metric metric) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (benchmark + "\n" + key + "\n" + metric.name()).getBytes(StandardCharsets.UTF_8));
      return "s" + HexFormat.of().formatHex(h, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
