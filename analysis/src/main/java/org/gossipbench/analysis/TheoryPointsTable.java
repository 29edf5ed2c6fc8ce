package org.gossipbench.analysis;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The theory checks' steady-state points (SPEC §4, {@code gossipbench theory}): per check, each
 * algorithm's measured error on the heterogeneous quadratic beside the exact value of the linear
 * recursion where it has one, and their ratio. The transient check reads whole curves and has its
 * own table.
 */
final class TheoryPointsTable implements AnalysisTable {
  private static final String KIND = "theory-point";

  @Override
  public String name() {
    return "theory-points";
  }

  @Override
  public String title() {
    return "steady state: the theory checks' measured errors against the exact recursion";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(KIND);
  }

  @Override
  public String command() {
    return "gossipbench theory";
  }

  @Override
  public Table build(ResultsScan scan) {
    Table points = scan.combined(KIND);
    Table t =
        points
            .where(points.intColumn("tail").isNotMissing())
            .selectColumns(
                "check",
                "algorithm",
                "topology",
                "n",
                "b2",
                "rho",
                "step",
                "sigma",
                "repeats",
                "iterations",
                "measured_error",
                "exact_error");
    t.stringColumn("topology").set(t.stringColumn("topology").isMissing(), "-");
    DoubleColumn ratio =
        t.doubleColumn("measured_error")
            .divide(t.doubleColumn("exact_error"))
            .setName("measured_over_exact");
    return t.addColumns(ratio).setName(name());
  }
}
