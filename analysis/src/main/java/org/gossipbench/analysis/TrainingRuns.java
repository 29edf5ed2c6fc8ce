package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One row per training run: its run-summary row with the final evaluation beside it. A run's
 * summary and steps files share the run id; the final value of the metric is the evaluation after
 * the run's last evaluated step (every rank logs the same value of the average model, the first is
 * taken), missing when the run's steps file is not among the files read.
 */
final class TrainingRuns {
  static final String SUMMARY = "run-summary";
  static final String STEPS = "training-step";

  /** Column added to the summaries: the metric's value at the last evaluation. */
  static final String FINAL_METRIC = "final_metric";

  /** A training configuration's keys: its runs differ in the seed only. */
  static final String[] CONFIGURATION = {"workload", "algorithm", "topology", "partition", "n"};

  /** The three times to target a run reports: elapsed here, critical path, projected. */
  static final String[] TIMES_TO_TARGET = {
    "time_to_target_ns", "critical_path_to_target_ns", "projected_to_target_ns"
  };

  /**
   * Configurations (one table of runs each) in report order: PSGD first, then per graph DSGD and
   * the correcting methods; partitions iid first.
   */
  static final Comparator<Table> CONFIGURATION_ORDER =
      Comparator.<Table, String>comparing(g -> g.row(0).getString("workload"))
          .thenComparing(g -> !RowOrder.base(g.row(0).getString("algorithm")).equals("psgd"))
          .thenComparing(g -> g.row(0).getString("topology"))
          .thenComparing(g -> g.row(0).getString("algorithm"), RowOrder.ALGORITHM)
          .thenComparing(g -> g.row(0).getString("partition"), RowOrder.PARTITION)
          .thenComparingInt(g -> g.row(0).getInt("n"));

  private TrainingRuns() {}

  /** One column per {@link #TIMES_TO_TARGET time}, named {@code <time>_olympic}. */
  static List<DoubleColumn> olympicTimeColumns() {
    List<DoubleColumn> columns = new ArrayList<>();
    for (String t : TIMES_TO_TARGET) {
      columns.add(DoubleColumn.create(t + "_olympic"));
    }
    return columns;
  }

  /**
   * Appends to each {@link #olympicTimeColumns() column} the olympic mean of that time over the
   * runs that reached the target, missing when none did.
   */
  static void appendOlympicTimes(Table reached, List<DoubleColumn> columns) {
    for (int i = 0; i < TIMES_TO_TARGET.length; i++) {
      LongColumn t = reached.longColumn(TIMES_TO_TARGET[i]).removeMissing();
      if (t.isEmpty()) {
        columns.get(i).appendMissing();
      } else {
        columns.get(i).append(Spread.olympicMean(t.asDoubleColumn().asDoubleArray()));
      }
    }
  }

  /** Runs whose metric is an accuracy (T4 and T7 compare accuracies). */
  static Table accuracyRuns(ResultsScan scan) {
    return runs(scan, true);
  }

  /**
   * Runs whose metric is a loss, smaller being better (T5): a language model's held-out
   * cross-entropy, a regression's test loss.
   */
  static Table lossRuns(ResultsScan scan) {
    return runs(scan, false);
  }

  /** Whether a summary's metric is an accuracy; every other metric is read as a loss. */
  static boolean isAccuracy(String metric) {
    return metric.endsWith("accuracy");
  }

  private static Table runs(ResultsScan scan, boolean accuracy) {
    Table summaries = scan.combined(SUMMARY);
    StringColumn metric = summaries.stringColumn("metric");
    Table runs = summaries.where(metric.eval(m -> isAccuracy(m) == accuracy));
    // the evaluated steps only: a few rows per run, where the steps files hold millions
    Map<String, Double> last =
        lastEvaluations(scan.combined(STEPS, Set.of("iteration", "eval_metric"), "eval_metric"));
    StringColumn ids = runs.stringColumn(ResultsScan.RUN_ID);
    DoubleColumn finals = DoubleColumn.create(FINAL_METRIC);
    for (String id : ids) {
      Double v = last.get(id);
      if (v == null) {
        finals.appendMissing();
      } else {
        finals.append(v);
      }
    }
    return runs.addColumns(finals);
  }

  /**
   * A configuration's olympic times to target for people: elapsed here, and the critical path,
   * which is what n machines would take to compute and communicate where simulated nodes share this
   * machine's cores; "not reached" when no run reached it.
   */
  static String timesToTargetText(Row r) {
    if (r.isMissing("time_to_target_ns_olympic")) {
      return "not reached";
    }
    String elapsed = NumberText.significant(r.getDouble("time_to_target_ns_olympic") * 1e-9, 3);
    return r.isMissing("critical_path_to_target_ns_olympic")
        ? elapsed + " s here"
        : elapsed
            + " s here, "
            + NumberText.significant(r.getDouble("critical_path_to_target_ns_olympic") * 1e-9, 3)
            + " s critical path";
  }

  private static Map<String, Double> lastEvaluations(Table steps) {
    Table evaluated = steps.where(steps.doubleColumn("eval_metric").isNotMissing());
    Map<String, Long> iteration = new HashMap<>();
    Map<String, Double> value = new HashMap<>();
    StringColumn ids = evaluated.stringColumn(ResultsScan.RUN_ID);
    LongColumn iterations = evaluated.longColumn("iteration");
    DoubleColumn metric = evaluated.doubleColumn("eval_metric");
    for (Row r : evaluated) {
      int i = r.getRowNumber();
      String id = ids.get(i);
      Long seen = iteration.get(id);
      if (seen == null || iterations.getLong(i) > seen) {
        iteration.put(id, iterations.getLong(i));
        value.put(id, metric.getDouble(i));
      }
    }
    return value;
  }
}
