package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * T7 heterogeneity (SPEC §7): per workload, algorithm on graph, n and partition, the final accuracy
 * of the average model (the evaluation after the last step) as the median over seeds with its
 * range, and each algorithm's gain over DSGD on the same graph: the median over seeds of the
 * per-seed difference, where both ran that seed. What ci/heterogeneity-table.sh computed from the
 * logs, now from the Arrow files.
 */
final class HeterogeneityTable implements AnalysisTable {
  private static final String[] KEYS = {"workload", "algorithm", "topology", "n", "partition"};

  @Override
  public String name() {
    return "T7";
  }

  @Override
  public String title() {
    return "heterogeneity: final accuracy under iid, Dirichlet and sorted partitions";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(TrainingRuns.SUMMARY, TrainingRuns.STEPS);
  }

  @Override
  public String command() {
    return "ci/heterogeneity-study.sh";
  }

  @Override
  public Table build(ResultsScan scan) {
    Table runs = TrainingRuns.accuracyRuns(scan);
    runs = runs.where(runs.doubleColumn(TrainingRuns.FINAL_METRIC).isNotMissing());
    Map<String, Double> bySeed = new HashMap<>();
    for (Row r : runs) {
      bySeed.put(seedKey(r, r.getString("algorithm"), r.getString("topology")), finalMetric(r));
    }
    List<Cell> cells = new ArrayList<>();
    for (Table group : runs.splitOn(KEYS).asTableList()) {
      Row first = group.row(0);
      double[] values = group.doubleColumn(TrainingRuns.FINAL_METRIC).asDoubleArray();
      List<Double> gains = new ArrayList<>();
      if (!RowOrder.base(first.getString("algorithm")).equals("dsgd")) {
        for (Row r : group) {
          Double base = bySeed.get(seedKey(r, "dsgd", r.getString("topology")));
          if (base != null) {
            gains.add(finalMetric(r) - base);
          }
        }
      }
      cells.add(
          new Cell(
              first.getString("workload"),
              first.getString("algorithm"),
              first.getString("topology"),
              first.getInt("n"),
              first.getString("partition"),
              Spread.of(values),
              gains.isEmpty()
                  ? null
                  : Spread.of(gains.stream().mapToDouble(Double::doubleValue).toArray())));
    }
    cells.sort(Cell.ORDER);
    return toTable(cells);
  }

  @Override
  public Table display(Table rows) {
    boolean manyWorkloads = rows.stringColumn("workload").countUnique() > 1;
    List<String> rowLabels = new ArrayList<>(new LinkedHashSet<>(rowLabels(rows, manyWorkloads)));
    // Tablesaw's Row is a cursor that moves, so each row's key is copied out before sorting.
    List<ColumnKey> keys = new ArrayList<>();
    for (Row r : rows) {
      keys.add(new ColumnKey(r.getInt("n"), r.getString("partition")));
    }
    List<String> columnLabels =
        keys.stream().sorted(ColumnKey.ORDER).map(ColumnKey::label).distinct().toList();
    return Pivot.of(
        name(),
        "algorithm on graph",
        rows,
        rowLabels,
        columnLabels,
        r -> rowLabel(r, manyWorkloads),
        HeterogeneityTable::columnLabel,
        HeterogeneityTable::cellText);
  }

  @Override
  public List<String> notes() {
    return List.of(
        "Final accuracy of the average model in percent: median over seeds [min, max];"
            + " in parentheses the gain over DSGD on the same graph (median over seeds of the"
            + " per-seed difference, points).");
  }

  private static List<String> rowLabels(Table rows, boolean manyWorkloads) {
    List<String> labels = new ArrayList<>();
    for (Row r : rows) {
      labels.add(rowLabel(r, manyWorkloads));
    }
    return labels;
  }

  private static String rowLabel(Row r, boolean manyWorkloads) {
    String label = r.getString("algorithm") + " on " + r.getString("topology");
    return manyWorkloads ? r.getString("workload") + ": " + label : label;
  }

  private static String columnLabel(Row r) {
    return new ColumnKey(r.getInt("n"), r.getString("partition")).label();
  }

  private record ColumnKey(int n, String partition) {
    static final Comparator<ColumnKey> ORDER =
        Comparator.comparingInt(ColumnKey::n)
            .thenComparing(ColumnKey::partition, RowOrder.PARTITION);

    String label() {
      return "n=" + n + " " + (partition.isEmpty() ? "unknown" : partition);
    }
  }

  private static String cellText(Row r) {
    String s =
        NumberText.fixed(100 * r.getDouble("final_accuracy_median"), 1)
            + " ["
            + NumberText.fixed(100 * r.getDouble("final_accuracy_min"), 1)
            + ", "
            + NumberText.fixed(100 * r.getDouble("final_accuracy_max"), 1)
            + "]";
    if (r.isMissing("gain_over_dsgd_median")) {
      return s;
    }
    double gain = 100 * r.getDouble("gain_over_dsgd_median");
    return s + " (" + (gain >= 0 ? "+" : "") + NumberText.fixed(gain, 1) + ")";
  }

  private static String seedKey(Row r, String algorithm, String topology) {
    return String.join(
        "\u0000",
        r.getString("workload"),
        algorithm,
        topology,
        Integer.toString(r.getInt("n")),
        r.getString("partition"),
        Long.toString(r.getLong("seed")));
  }

  private static double finalMetric(Row r) {
    return r.getDouble(TrainingRuns.FINAL_METRIC);
  }

  private static Table toTable(List<Cell> cells) {
    StringColumn workload = StringColumn.create("workload");
    StringColumn algorithm = StringColumn.create("algorithm");
    StringColumn topology = StringColumn.create("topology");
    IntColumn n = IntColumn.create("n");
    StringColumn partition = StringColumn.create("partition");
    IntColumn seeds = IntColumn.create("seeds");
    DoubleColumn median = DoubleColumn.create("final_accuracy_median");
    DoubleColumn min = DoubleColumn.create("final_accuracy_min");
    DoubleColumn max = DoubleColumn.create("final_accuracy_max");
    IntColumn pairs = IntColumn.create("gain_seeds");
    DoubleColumn gain = DoubleColumn.create("gain_over_dsgd_median");
    for (Cell c : cells) {
      workload.append(c.workload);
      algorithm.append(c.algorithm);
      topology.append(c.topology);
      n.append(c.n);
      partition.append(c.partition);
      seeds.append(c.accuracy.count());
      median.append(c.accuracy.median());
      min.append(c.accuracy.min());
      max.append(c.accuracy.max());
      if (c.gain == null) {
        pairs.append(0);
        gain.appendMissing();
      } else {
        pairs.append(c.gain.count());
        gain.append(c.gain.median());
      }
    }
    return Table.create(
        "T7", workload, algorithm, topology, n, partition, seeds, median, min, max, pairs, gain);
  }

  private record Cell(
      String workload,
      String algorithm,
      String topology,
      int n,
      String partition,
      Spread accuracy,
      Spread gain) {
    /** PSGD (allreduce, no graph) first, then per graph DSGD and the correcting methods. */
    static final Comparator<Cell> ORDER =
        Comparator.comparing(Cell::workload)
            .thenComparing(c -> !RowOrder.base(c.algorithm).equals("psgd"))
            .thenComparing(Cell::topology)
            .thenComparing(Cell::algorithm, RowOrder.ALGORITHM)
            .thenComparingInt(Cell::n)
            .thenComparing(Cell::partition, RowOrder.PARTITION);
  }
}
