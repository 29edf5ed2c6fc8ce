package org.gossipbench.analysis.plot;

import java.util.ArrayList;
import java.util.List;
import org.gossipbench.analysis.AnalysisTables;
import org.gossipbench.analysis.ResultsScan;
import tech.tablesaw.api.Table;

/**
 * The theory check's transient stage against n, log y: per topology, DSGD's measured iterations
 * until it stays within the check's factor of PSGD, and dashed beside it the recursion's prediction
 * (the rows of the theory-transient table).
 */
final class TransientPlot implements Plot {
  private static final String TABLE = "theory-transient";

  @Override
  public String name() {
    return "transient-vs-n";
  }

  @Override
  public String title() {
    return "Transient iterations vs n: measured and predicted (theory --check transient)";
  }

  @Override
  public List<String> requiredKinds() {
    return AnalysisTables.get(TABLE).requiredKinds();
  }

  @Override
  public String command() {
    return AnalysisTables.get(TABLE).command();
  }

  @Override
  public PlotData build(ResultsScan scan) {
    Table rows = AnalysisTables.get(TABLE).build(scan);
    List<Series> lines = new ArrayList<>();
    List<Series> measured =
        MedianCurves.of(
            rows,
            r -> r.getString("topology") + " measured",
            r -> r.getInt("n"),
            r -> r.getInt("n"),
            r -> r.getLong("transient_iterations"));
    List<Series> predicted =
        MedianCurves.of(
            rows,
            r -> r.getString("topology") + " predicted",
            r -> r.getInt("n"),
            r -> r.getInt("n"),
            r -> r.getDouble("predicted_transient_iterations"));
    for (int i = 0; i < measured.size(); i++) {
      lines.add(measured.get(i));
      Series p = predicted.get(i);
      lines.add(Series.reference(p.name(), p.x(), p.y()));
    }
    return PlotData.lines("n (nodes)", "transient iterations", false, true, lines);
  }
}
