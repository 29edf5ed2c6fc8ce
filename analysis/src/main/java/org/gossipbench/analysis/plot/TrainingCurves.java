package org.gossipbench.analysis.plot;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.gossipbench.analysis.ResultsScan;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The training plots' common part: every training-step row, one line per algorithm on graph, n and
 * partition (the partition and workload come from the run's summary, by run id; "partition ?" when
 * the summary is not among the files read), each point the median over ranks and seeds at one
 * iteration.
 */
final class TrainingCurves {
  static final String STEPS = "training-step";
  static final String SUMMARY = "run-summary";
  static final String COMMAND = "ci/reference-runs.sh (gossipbench train)";

  private TrainingCurves() {}

  /**
   * The evaluated accuracy of the average model in percent, of runs whose summary names an accuracy
   * metric; against the elapsed seconds or the iteration.
   */
  static List<Series> accuracy(ResultsScan scan, boolean elapsed) {
    Labels labels = new Labels(scan);
    return curves(
        scan,
        labels,
        elapsed,
        "eval_metric",
        r -> labels.metric(r).endsWith("accuracy") ? 100 * r.getDouble("eval_metric") : Double.NaN);
  }

  /** Each rank's minibatch training loss, against the elapsed seconds or the iteration. */
  static List<Series> loss(ResultsScan scan, boolean elapsed) {
    return curves(scan, new Labels(scan), elapsed, "train_loss", r -> r.getDouble("train_loss"));
  }

  /** The distance of the nodes' models to their average, against the iteration. */
  static List<Series> consensus(ResultsScan scan) {
    return curves(
        scan,
        new Labels(scan),
        false,
        "consensus_distance",
        r -> r.getDouble("consensus_distance"));
  }

  private static List<Series> curves(
      ResultsScan scan, Labels labels, boolean elapsed, String yColumn, ToDoubleFunction<Row> y) {
    // only the columns a curve needs, and only the rows that hold its y: the evaluated steps of
    // millions of step rows for accuracy and consensus
    Set<String> columns = Set.of("algorithm", "topology", "n", "iteration", "elapsed_ns", yColumn);
    return MedianCurves.of(
        scan.combined(STEPS, columns, yColumn),
        labels::of,
        r -> r.getLong("iteration"),
        elapsed ? r -> r.getLong("elapsed_ns") / 1e9 : r -> r.getLong("iteration"),
        y);
  }

  private static final class Labels {
    private final Map<String, String> partition = new HashMap<>();
    private final Map<String, String> workload = new HashMap<>();
    private final Map<String, String> metric = new HashMap<>();
    private final boolean manyWorkloads;

    Labels(ResultsScan scan) {
      Table summaries = scan.combined(SUMMARY);
      Set<String> workloads = new HashSet<>();
      for (Row r : summaries) {
        String id = r.getString(ResultsScan.RUN_ID);
        partition.put(id, r.getString("partition"));
        workload.put(id, r.getString("workload"));
        metric.put(id, r.getString("metric"));
        workloads.add(r.getString("workload"));
      }
      manyWorkloads = workloads.size() > 1;
    }

    /** The run's metric name; empty when its summary is not among the files read. */
    String metric(Row r) {
      return metric.getOrDefault(r.getString(ResultsScan.RUN_ID), "");
    }

    String of(Row r) {
      String id = r.getString(ResultsScan.RUN_ID);
      String topology = r.getString("topology");
      String p = partition.getOrDefault(id, "");
      String label =
          r.getString("algorithm")
              + (topology.isEmpty() ? "" : " on " + topology)
              + ", n="
              + r.getInt("n")
              + ", "
              + (p.isEmpty() ? "partition ?" : p);
      return manyWorkloads ? workload.getOrDefault(id, "?") + ": " + label : label;
    }
  }
}
