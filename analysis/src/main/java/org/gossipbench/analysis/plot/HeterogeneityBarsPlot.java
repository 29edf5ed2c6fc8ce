package org.gossipbench.analysis.plot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.gossipbench.analysis.AnalysisTable;
import org.gossipbench.analysis.AnalysisTables;
import org.gossipbench.analysis.ResultsScan;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * T7 as grouped bars: per n and partition (T7's columns, in its order), one bar per algorithm on
 * graph (T7's rows) with the final accuracy of the average model, median over seeds.
 */
final class HeterogeneityBarsPlot implements Plot {
  private static final String TABLE = "T7";

  @Override
  public String name() {
    return "heterogeneity-bars";
  }

  @Override
  public String title() {
    return "Final accuracy under iid, Dirichlet and sorted partitions (T7, median over seeds)";
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
    AnalysisTable t7 = AnalysisTables.get(TABLE);
    Table rows = t7.build(scan);
    if (rows.rowCount() == 0) {
      return PlotData.bars("", "", List.of());
    }
    boolean manyWorkloads = rows.stringColumn("workload").countUnique() > 1;
    List<String> categories = new ArrayList<>();
    List<Column<?>> columns = t7.display(rows).columns();
    for (Column<?> c : columns.subList(1, columns.size())) {
      categories.add(c.name());
    }
    Map<String, Map<String, Double>> accuracy = new HashMap<>();
    LinkedHashSet<String> groups = new LinkedHashSet<>();
    for (Row r : rows) {
      String group = group(r, manyWorkloads);
      groups.add(group);
      accuracy
          .computeIfAbsent(group, g -> new HashMap<>())
          .put(category(r), 100 * r.getDouble("final_accuracy_median"));
    }
    List<Series> bars = new ArrayList<>();
    for (String group : groups) {
      double[] y = new double[categories.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = accuracy.get(group).getOrDefault(categories.get(i), Double.NaN);
      }
      bars.add(Series.bars(group, categories, y));
    }
    return PlotData.bars("n and partition", "final accuracy (%)", bars);
  }

  // T7's own row and column labels, so the bars group exactly as the table does.
  private static String group(Row r, boolean manyWorkloads) {
    String label = r.getString("algorithm") + " on " + r.getString("topology");
    return manyWorkloads ? r.getString("workload") + ": " + label : label;
  }

  private static String category(Row r) {
    String partition = r.getString("partition");
    return "n=" + r.getInt("n") + " " + (partition.isEmpty() ? "unknown" : partition);
  }
}
