package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * T4 accuracy/time (SPEC §6, §7): per workload, algorithm on graph, partition and n, the final
 * accuracy (median over seeds with its range) and the time to target scored as MLPerf does: the
 * fastest and the slowest run that reached the target dropped, the rest averaged (the olympic mean;
 * the plain mean below three runs), for the three times a run reports (elapsed here, critical path,
 * projected on n machines). Runs that did not reach the target count in {@code reached} only.
 */
final class AccuracyTimeTable implements AnalysisTable {

  @Override
  public String name() {
    return "T4";
  }

  @Override
  public String title() {
    return "accuracy/time: final accuracy and time to target per algorithm, graph and n";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(TrainingRuns.SUMMARY, TrainingRuns.STEPS);
  }

  @Override
  public String command() {
    return "gossipbench train --workload W --algorithm A --topology T -n N --target-accuracy X"
        + " --seed S (at least 5 seeds per configuration)";
  }

  @Override
  public Table build(ResultsScan scan) {
    return FinalMetricRows.of(name(), TrainingRuns.accuracyRuns(scan), "final_accuracy", false);
  }

  @Override
  public Table display(Table rows) {
    boolean manyWorkloads = rows.stringColumn("workload").countUnique() > 1;
    List<String> rowLabels = new ArrayList<>();
    for (Row r : rows) {
      rowLabels.add(rowLabel(r, manyWorkloads));
    }
    List<Integer> ns = new ArrayList<>(new TreeSet<>(rows.intColumn("n").asList()));
    List<String> columnLabels = ns.stream().map(v -> "n=" + v).toList();
    return Pivot.of(
        name(),
        "algorithm on graph (partition)",
        rows,
        new ArrayList<>(new LinkedHashSet<>(rowLabels)),
        columnLabels,
        r -> rowLabel(r, manyWorkloads),
        r -> "n=" + r.getInt("n"),
        AccuracyTimeTable::cellText);
  }

  @Override
  public List<String> notes() {
    return List.of(
        "Final accuracy in percent, median over seeds [min, max]; then the time to target, the"
            + " olympic mean over the runs that reached it (evaluation excluded), in seconds"
            + " elapsed here and along the critical path (per step the slowest node's compute and"
            + " the collective once all have arrived: what n machines would take, where the"
            + " simulated nodes share this machine's cores), and how many of the runs reached it."
            + " The CSV adds the α–β-projected time.");
  }

  private static String rowLabel(Row r, boolean manyWorkloads) {
    String p = r.getString("partition");
    String label =
        r.getString("algorithm")
            + " on "
            + r.getString("topology")
            + " ("
            + (p.isEmpty() ? "unknown" : p)
            + ")";
    return manyWorkloads ? r.getString("workload") + ": " + label : label;
  }

  private static String cellText(Row r) {
    String accuracy =
        r.isMissing("final_accuracy_median")
            ? Pivot.EMPTY
            : NumberText.fixed(100 * r.getDouble("final_accuracy_median"), 1)
                + " ["
                + NumberText.fixed(100 * r.getDouble("final_accuracy_min"), 1)
                + ", "
                + NumberText.fixed(100 * r.getDouble("final_accuracy_max"), 1)
                + "]";
    String time = TrainingRuns.timesToTargetText(r);
    return accuracy + "; " + time + " (" + r.getInt("reached") + "/" + r.getInt("runs") + ")";
  }
}
