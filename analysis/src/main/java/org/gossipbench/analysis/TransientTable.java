package org.gossipbench.analysis;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The transient-stage check (SPEC §4): per topology and n, the iterations until DSGD stays within
 * the check's factor of PSGD's error, measured, beside the recursion's prediction and their ratio.
 */
final class TransientTable implements AnalysisTable {
  private static final String KIND = "theory-point";

  @Override
  public String name() {
    return "theory-transient";
  }

  @Override
  public String title() {
    return "transient stage: DSGD's iterations until within the factor of PSGD, measured and predicted";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(KIND);
  }

  @Override
  public String command() {
    return "gossipbench theory --check transient";
  }

  @Override
  public Table build(ResultsScan scan) {
    Table points = scan.combined(KIND);
    Table t =
        points
            .where(points.longColumn("transient_iterations").isNotMissing())
            .selectColumns(
                "check",
                "algorithm",
                "topology",
                "n",
                "rho",
                "factor",
                "transient_iterations",
                "predicted_transient_iterations");
    DoubleColumn ratio =
        t.longColumn("transient_iterations")
            .asDoubleColumn()
            .divide(t.doubleColumn("predicted_transient_iterations"))
            .setName("measured_over_predicted");
    return t.addColumns(ratio).setName(name());
  }
}
