package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * T6 scalability (SPEC §7): per workload and algorithm on graph, the training throughput of all
 * nodes (samples per second of elapsed training time, evaluation excluded) against n, median over
 * every run of that n with its range, and the percentage of linear speedup from the smallest n the
 * same algorithm ran at: 100 · (t(n) / t(n₀)) / (n / n₀) on the medians.
 */
final class ScalabilityTable implements AnalysisTable {
  private static final String[] KEYS = {"workload", "algorithm", "topology", "n"};

  @Override
  public String name() {
    return "T6";
  }

  @Override
  public String title() {
    return "scalability: throughput against n and the share of linear speedup";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(TrainingRuns.SUMMARY);
  }

  @Override
  public String command() {
    return "gossipbench train --workload W --algorithm A --topology T -n N, for several N";
  }

  @Override
  public Table build(ResultsScan scan) {
    Table summaries = scan.combined(TrainingRuns.SUMMARY);
    Table runs = summaries.where(summaries.doubleColumn("samples_per_second").isNotMissing());
    List<Cell> cells = new ArrayList<>();
    for (Table g : runs.splitOn(KEYS).asTableList()) {
      Row first = g.row(0);
      cells.add(
          new Cell(
              first.getString("workload"),
              first.getString("algorithm"),
              first.getString("topology"),
              first.getInt("n"),
              Spread.of(g.doubleColumn("samples_per_second").asDoubleArray())));
    }
    cells.sort(Cell.ORDER);
    Map<String, Cell> smallest = new HashMap<>();
    for (Cell c : cells) {
      smallest.putIfAbsent(c.series(), c);
    }
    StringColumn workload = StringColumn.create("workload");
    StringColumn algorithm = StringColumn.create("algorithm");
    StringColumn topology = StringColumn.create("topology");
    IntColumn n = IntColumn.create("n");
    IntColumn count = IntColumn.create("runs");
    DoubleColumn median = DoubleColumn.create("samples_per_second_median");
    DoubleColumn min = DoubleColumn.create("samples_per_second_min");
    DoubleColumn max = DoubleColumn.create("samples_per_second_max");
    IntColumn baseN = IntColumn.create("base_n");
    DoubleColumn linear = DoubleColumn.create("linear_speedup_percent");
    for (Cell c : cells) {
      Cell base = smallest.get(c.series());
      workload.append(c.workload);
      algorithm.append(c.algorithm);
      topology.append(c.topology);
      n.append(c.n);
      count.append(c.throughput.count());
      median.append(c.throughput.median());
      min.append(c.throughput.min());
      max.append(c.throughput.max());
      baseN.append(base.n);
      linear.append(
          100 * (c.throughput.median() / base.throughput.median()) / ((double) c.n / base.n));
    }
    return Table.create(
        name(), workload, algorithm, topology, n, count, median, min, max, baseN, linear);
  }

  @Override
  public Table display(Table rows) {
    boolean manyWorkloads = rows.stringColumn("workload").countUnique() > 1;
    List<String> rowLabels = new ArrayList<>();
    for (Row r : rows) {
      rowLabels.add(rowLabel(r, manyWorkloads));
    }
    List<String> columnLabels =
        new TreeSet<>(rows.intColumn("n").asList()).stream().map(v -> "n=" + v).toList();
    return Pivot.of(
        name(),
        "algorithm on graph",
        rows,
        new ArrayList<>(new LinkedHashSet<>(rowLabels)),
        columnLabels,
        r -> rowLabel(r, manyWorkloads),
        r -> "n=" + r.getInt("n"),
        ScalabilityTable::cellText);
  }

  @Override
  public List<String> notes() {
    return List.of(
        "Samples per second of all nodes, median over runs [min, max], elapsed here: simulated"
            + " nodes share this machine's cores, so this is no speedup on n machines. In"
            + " parentheses the percentage of linear speedup from the row's smallest n.");
  }

  private static String rowLabel(Row r, boolean manyWorkloads) {
    String label = r.getString("algorithm") + " on " + r.getString("topology");
    return manyWorkloads ? r.getString("workload") + ": " + label : label;
  }

  private static String cellText(Row r) {
    return NumberText.significant(r.getDouble("samples_per_second_median"), 3)
        + " ["
        + NumberText.significant(r.getDouble("samples_per_second_min"), 3)
        + ", "
        + NumberText.significant(r.getDouble("samples_per_second_max"), 3)
        + "] ("
        + NumberText.fixed(r.getDouble("linear_speedup_percent"), 0)
        + " %)";
  }

  private record Cell(
      String workload, String algorithm, String topology, int n, Spread throughput) {
    static final Comparator<Cell> ORDER =
        Comparator.comparing(Cell::workload)
            .thenComparing(c -> !RowOrder.base(c.algorithm).equals("psgd"))
            .thenComparing(Cell::topology)
            .thenComparing(Cell::algorithm, RowOrder.ALGORITHM)
            .thenComparingInt(Cell::n);

    String series() {
      return workload + '\u0000' + algorithm + '\u0000' + topology;
    }
  }
}
