package org.gossipbench.analysis.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.gossipbench.analysis.AnalysisTable;
import org.gossipbench.analysis.AnalysisTables;
import org.gossipbench.analysis.ResultsScan;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Speed-up against n with the linear line, from T6's rows: S(n) = n₀ · T(n) / T(n₀), T the median
 * throughput of all nodes over runs and n₀ the algorithm's smallest n (so S(n₀) = n₀ and linear
 * scaling is the line S = n). Elapsed time, as in T6: simulated nodes share the cores.
 */
final class SpeedupPlot implements Plot {
  private static final String TABLE = "T6";

  @Override
  public String name() {
    return "speedup-vs-n";
  }

  @Override
  public String title() {
    return "Speed-up vs n from the smallest n, with linear scaling (T6)";
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
    AnalysisTable t6 = AnalysisTables.get(TABLE);
    Table rows = t6.build(scan);
    boolean manyWorkloads = rows.stringColumn("workload").countUnique() > 1;
    List<Series> lines =
        new ArrayList<>(
            MedianCurves.of(
                rows,
                r -> label(r, manyWorkloads),
                r -> r.getInt("n"),
                r -> r.getInt("n"),
                r -> r.getInt("n") * r.getDouble("linear_speedup_percent") / 100));
    TreeSet<Integer> ns = new TreeSet<>();
    for (Row r : rows) {
      ns.add(r.getInt("n"));
    }
    if (ns.size() > 0) {
      double[] x = ns.stream().mapToDouble(Integer::doubleValue).toArray();
      lines.add(Series.reference("linear", x, x.clone()));
    }
    return PlotData.lines("n (nodes)", "speed-up", false, false, lines);
  }

  private static String label(Row r, boolean manyWorkloads) {
    String topology = r.getString("topology");
    String label = r.getString("algorithm") + (topology.isEmpty() ? "" : " on " + topology);
    return manyWorkloads ? r.getString("workload") + ": " + label : label;
  }
}
