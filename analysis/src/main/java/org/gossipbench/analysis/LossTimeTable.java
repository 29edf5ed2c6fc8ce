package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * T5 loss/time (SPEC §7): the runs whose metric is a held-out loss rather than an accuracy, per
 * workload, algorithm on graph, partition and n: the final loss of the average model (median over
 * seeds with its range), its perplexity where the loss is a per-token cross-entropy in nats, and
 * the time to the target loss as MLPerf's olympic mean, like T4. The table is written for the
 * language-model workload; any loss-scored workload (the synthetic least squares) lands here too,
 * so the table is exercised before a language model exists.
 */
final class LossTimeTable implements AnalysisTable {
  /**
   * A metric so named is a mean per-token cross-entropy in nats, so e^loss is the perplexity; a
   * language-model workload logs its validation loss under this name.
   */
  static final String CROSS_ENTROPY_SUFFIX = "cross_entropy";

  @Override
  public String name() {
    return "T5";
  }

  @Override
  public String title() {
    return "loss/time: final held-out loss (perplexity) and time to target loss per algorithm,"
        + " graph and n";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(TrainingRuns.SUMMARY, TrainingRuns.STEPS);
  }

  @Override
  public String command() {
    return "gossipbench train --workload W --algorithm A --topology T -n N --target-accuracy LOSS"
        + " --seed S, W a loss-scored workload (the Brown-corpus language model; synthetic-lsq)";
  }

  @Override
  public Table build(ResultsScan scan) {
    Table t = FinalMetricRows.of(name(), TrainingRuns.lossRuns(scan), "final_loss", true);
    DoubleColumn perplexity = DoubleColumn.create("perplexity_median");
    for (Row r : t) {
      if (r.getString("metric").endsWith(CROSS_ENTROPY_SUFFIX)
          && !r.isMissing("final_loss_median")) {
        perplexity.append(Math.exp(r.getDouble("final_loss_median")));
      } else {
        perplexity.appendMissing();
      }
    }
    // beside the loss it is computed from, before the times
    List<String> order = new ArrayList<>(t.columnNames());
    order.add(order.indexOf("final_loss_max") + 1, perplexity.name());
    return t.addColumns(perplexity).reorderColumns(order.toArray(String[]::new));
  }

  @Override
  public Table display(Table rows) {
    List<String> rowLabels = new ArrayList<>();
    for (Row r : rows) {
      rowLabels.add(rowLabel(r));
    }
    List<Integer> ns = new ArrayList<>(new TreeSet<>(rows.intColumn("n").asList()));
    List<String> columnLabels = ns.stream().map(v -> "n=" + v).toList();
    return Pivot.of(
        name(),
        "workload: algorithm on graph (partition)",
        rows,
        new ArrayList<>(new LinkedHashSet<>(rowLabels)),
        columnLabels,
        LossTimeTable::rowLabel,
        r -> "n=" + r.getInt("n"),
        LossTimeTable::cellText);
  }

  @Override
  public List<String> notes() {
    return List.of(
        "Final held-out loss of the average model, median over seeds [min, max], with the"
            + " perplexity e^loss where the metric is a per-token cross-entropy; then the time to"
            + " the target loss as in T4 (olympic mean, elapsed here and critical path) and how"
            + " many of the runs reached it. The CSV adds the projected time; the loss-vs-time plot"
            + " draws the curves.");
  }

  private static String rowLabel(Row r) {
    String p = r.getString("partition");
    return r.getString("workload")
        + " ("
        + r.getString("metric")
        + "): "
        + r.getString("algorithm")
        + " on "
        + r.getString("topology")
        + " ("
        + (p.isEmpty() ? "unknown" : p)
        + ")";
  }

  private static String cellText(Row r) {
    String loss =
        r.isMissing("final_loss_median")
            ? Pivot.EMPTY
            : NumberText.significant(r.getDouble("final_loss_median"), 4)
                + " ["
                + NumberText.significant(r.getDouble("final_loss_min"), 4)
                + ", "
                + NumberText.significant(r.getDouble("final_loss_max"), 4)
                + "]";
    if (!r.isMissing("perplexity_median")) {
      loss += ", ppl " + NumberText.significant(r.getDouble("perplexity_median"), 4);
    }
    String time = TrainingRuns.timesToTargetText(r);
    return loss + "; " + time + " (" + r.getInt("reached") + "/" + r.getInt("runs") + ")";
  }
}
