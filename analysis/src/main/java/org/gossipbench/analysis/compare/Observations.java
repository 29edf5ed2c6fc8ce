package org.gossipbench.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.gossipbench.analysis.NumberText;
import org.gossipbench.analysis.ResultTable;
import org.gossipbench.analysis.ResultsScan;
import org.gossipbench.results.Provenance;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Every run's metrics, read from the Arrow logs: one {@link Observation} per results file,
 * configuration and metric. Collective files give, per (op, algorithm, topology, transport, n,
 * dtype, bytes), the median over the timed iterations of the slowest rank's time and of the slowest
 * rank's busbw (SPEC §5: an iteration's time is the slowest rank's). Run summaries give, per
 * (workload, algorithm, topology, n, partition, transport, batch, learning rate, metric, target),
 * the best accuracy, the time to target when reached, and the throughput.
 */
public final class Observations {
  public static final String COLLECTIVE = "collective";
  public static final String TRAINING = "training";

  private Observations() {}

  /** In path order of the files, then key order within a file: the same scan, the same list. */
  public static List<Observation> of(ResultsScan scan) {
    List<Observation> out = new ArrayList<>();
    for (ResultTable f : scan.files("collective")) {
      collective(f, out);
    }
    for (ResultTable f : scan.files("run-summary")) {
      training(f, out);
    }
    return List.copyOf(out);
  }

  private static void collective(ResultTable f, List<Observation> out) {
    Table t = f.table();
    // key -> iteration -> {slowest time, lowest busbw}
    Map<String, Map<Long, double[]>> perIteration = new TreeMap<>();
    for (int r = 0; r < t.rowCount(); r++) {
      String key =
          text(t, "op", r)
              + " "
              + text(t, "algorithm", r)
              + " "
              + text(t, "topology", r)
              + " "
              + text(t, "transport", r)
              + " n="
              + text(t, "n", r)
              + " "
              + text(t, "dtype", r)
              + " bytes="
              + String.format(Locale.ROOT, "%012d", t.longColumn("bytes").getLong(r));
      long iteration = t.longColumn("iteration").getLong(r);
      double time = t.longColumn("time_ns").getLong(r);
      double busbw = t.doubleColumn("busbw_gbps").getDouble(r);
      double[] worst =
          perIteration
              .computeIfAbsent(key, k -> new TreeMap<>())
              .computeIfAbsent(iteration, i -> new double[] {0, Double.POSITIVE_INFINITY});
      worst[0] = Math.max(worst[0], time);
      if (!Double.isNaN(busbw)) {
        worst[1] = Math.min(worst[1], busbw);
      }
    }
    for (Map.Entry<String, Map<Long, double[]>> e : perIteration.entrySet()) {
      double[] times = e.getValue().values().stream().mapToDouble(w -> w[0] / 1e3).toArray();
      double[] busbw =
          e.getValue().values().stream().mapToDouble(w -> w[1]).filter(Double::isFinite).toArray();
      String key = readableKey(e.getKey());
      out.add(observation(f, COLLECTIVE, key, Metric.COLLECTIVE_TIME, median(times)));
      if (busbw.length > 0) {
        out.add(observation(f, COLLECTIVE, key, Metric.BUS_BANDWIDTH, median(busbw)));
      }
    }
  }

  /** The bytes were zero-padded so that keys sort by size; the printed key drops the padding. */
  private static String readableKey(String sortable) {
    int at = sortable.lastIndexOf("bytes=") + "bytes=".length();
    return sortable.substring(0, at) + Long.parseLong(sortable.substring(at));
  }

  private static void training(ResultTable f, List<Observation> out) {
    Table t = f.table();
    for (int r = 0; r < t.rowCount(); r++) {
      String metric = text(t, "metric", r);
      String key =
          text(t, "workload", r)
              + " "
              + text(t, "algorithm", r)
              + " "
              + text(t, "topology", r)
              + " n="
              + text(t, "n", r)
              + " "
              + text(t, "partition", r)
              + " "
              + text(t, "transport", r)
              + " batch="
              + text(t, "batch_size", r)
              + " lr="
              + text(t, "learning_rate", r)
              + " "
              + metric
              + ">="
              + text(t, "target", r);
      if (metric.endsWith("accuracy") && !t.column("best_metric").isMissing(r)) {
        out.add(
            observation(
                f,
                TRAINING,
                key,
                Metric.BEST_ACCURACY,
                t.doubleColumn("best_metric").getDouble(r)));
      }
      if (t.booleanColumn("reached").get(r) == Boolean.TRUE
          && !t.column("time_to_target_ns").isMissing(r)) {
        double seconds = t.longColumn("time_to_target_ns").getLong(r) / 1e9;
        out.add(observation(f, TRAINING, key, Metric.TIME_TO_TARGET, seconds));
      }
      if (t.containsColumn("samples_per_second") && !t.column("samples_per_second").isMissing(r)) {
        out.add(
            observation(
                f,
                TRAINING,
                key,
                Metric.THROUGHPUT,
                t.doubleColumn("samples_per_second").getDouble(r)));
      }
    }
  }

  private static Observation observation(
      ResultTable f, String benchmark, String key, Metric metric, double value) {
    Provenance p = f.provenance();
    return new Observation(
        benchmark,
        key,
        metric,
        p.gitCommit(),
        "true".equals(p.gitDirty()),
        p.startTime(),
        oneMinuteLoad(p.loadAverage()),
        p.runId(),
        value);
  }

  /** /proc/loadavg's first field; NaN when the file was not readable where the run ran. */
  static double oneMinuteLoad(String loadAverage) {
    if (loadAverage == null || loadAverage.isBlank()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(loadAverage.trim().split("\\s+")[0]);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String text(Table t, String column, int row) {
    if (!t.containsColumn(column)) {
      return "-";
    }
    Column<?> c = t.column(column);
    if (c.isMissing(row)) {
      return "-";
    }
    return c instanceof DoubleColumn d ? NumberText.roundTrip(d.getDouble(row)) : c.getString(row);
  }

  private static double median(double[] values) {
    return new Median().evaluate(values);
  }
}
