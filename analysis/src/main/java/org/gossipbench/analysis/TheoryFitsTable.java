package org.gossipbench.analysis;

import java.util.List;
import tech.tablesaw.api.Table;

/**
 * The theory checks' fitted slopes (SPEC §4, {@code gossipbench theory}): per check, the log-log
 * slope measured over the check's points beside the slope the theory predicts, with the relation
 * that must hold between them and the fit's r².
 */
final class TheoryFitsTable implements AnalysisTable {
  private static final String KIND = "theory-fit";

  @Override
  public String name() {
    return "theory-fits";
  }

  @Override
  public String title() {
    return "slopes: the theory checks' measured log-log slopes against the predicted ones";
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
    Table fits = scan.combined(KIND);
    fits.stringColumn("topology").set(fits.stringColumn("topology").isMissing(), "all");
    return fits.selectColumns(
            "check",
            "algorithm",
            "topology",
            "quantity",
            "fitted_slope",
            "relation",
            "predicted_slope",
            "r2",
            "intercept",
            "points",
            ResultsScan.RUN_ID)
        .setName(name());
  }

  @Override
  public Table display(Table rows) {
    return rows.rejectColumns("intercept", ResultsScan.RUN_ID);
  }
}
