package org.gossipbench.analysis;

import java.util.HashMap;
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

  private TrainingRuns() {}

  /** Runs whose metric is an accuracy (T4 and T7 compare accuracies). */
  static Table accuracyRuns(ResultsScan scan) {
    Table summaries = scan.combined(SUMMARY);
    Table runs = summaries.where(summaries.stringColumn("metric").endsWith("accuracy"));
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
