package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * T3's projected half (SPEC &sect;5, &sect;7): per cluster description and model, the α–β model's
 * per-iteration communication of ring-allreduce and of hierarchical neighbor averaging at each GPU
 * count, their ratio and the time to train; and, for the fits made on this machine, each fitted
 * configuration's projection beside its measured time, so the model's error is read next to its
 * use. Every number here is projected except those marked measured.
 */
final class ProjectedCommunicationTable implements AnalysisTable {
  static final String KIND = "projection";
  private static final String RING = "allreduce/ring";
  private static final String PARTIAL = "neighbor-average/hierarchical";

  @Override
  public String name() {
    return "T3-projected";
  }

  @Override
  public String title() {
    return "per-iteration communication and time to train, projected by the alpha-beta model"
        + " (SPEC §5) onto cluster descriptions, and its fits against the times measured here";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(KIND);
  }

  @Override
  public String command() {
    return "gossipbench reproduce --scale tiny (its projection part)";
  }

  @Override
  public Table build(ResultsScan scan) {
    Table rows = scan.combined(KIND);
    return rows.sortAscendingOn("cluster", "model", "collective", "bytes", "gpus")
        .selectColumns(
            "cluster",
            "model",
            "parameters",
            "bytes",
            "gpus",
            "gpus_per_node",
            "collective",
            "projected_communication_s",
            "measured_s",
            "projected_compute_s",
            "iterations",
            "projected_train_s",
            "compute_bound_train_s",
            "intra_alpha_s",
            "intra_bytes_per_s",
            "inter_alpha_s",
            "inter_bytes_per_s",
            "cost_model",
            "inputs",
            ResultsScan.RUN_ID)
        .setName(name());
  }

  @Override
  public Table display(Table rows) {
    StringColumn rowOut = StringColumn.create("row");
    StringColumn columnOut = StringColumn.create("column");
    StringColumn cellOut = StringColumn.create("cell");
    Map<String, Double> ring = new HashMap<>();
    Map<String, Double> partial = new HashMap<>();
    Set<Integer> gpus = new TreeSet<>();
    Set<String> models = new LinkedHashSet<>();
    for (Row r : rows) {
      int n = r.getInt("gpus");
      gpus.add(n);
      String column = "N=" + n;
      double comm = r.getDouble("projected_communication_s");
      boolean fit = !r.isMissing("measured_s");
      String collective = r.getString("collective");
      if (fit) {
        add(
            rowOut,
            columnOut,
            cellOut,
            r.getString("cluster") + ", " + collective + ", " + size(r.getLong("bytes")),
            column,
            NumberText.significant(comm * 1e3, 3)
                + " (measured "
                + NumberText.significant(r.getDouble("measured_s") * 1e3, 3)
                + ")");
        continue;
      }
      String model =
          r.getString("cluster")
              + ", "
              + r.getString("model")
              + " ("
              + NumberText.significant(r.getLong("parameters") / 1e6, 3)
              + " M)";
      String kind = collective.startsWith(PARTIAL) ? "partial average" : "ring-allreduce";
      add(
          rowOut,
          columnOut,
          cellOut,
          model + ", " + kind + ", ms",
          column,
          NumberText.significant(comm * 1e3, 3));
      add(
          rowOut,
          columnOut,
          cellOut,
          model + ", " + kind + ", train h",
          column,
          NumberText.significant(r.getDouble("projected_train_s") / 3600, 3));
      if (collective.equals(RING)) {
        ring.put(model + '\u0000' + column, comm);
      } else if (collective.startsWith(PARTIAL)) {
        partial.put(model + '\u0000' + column, comm);
      }
      models.add(model);
    }
    for (Map.Entry<String, Double> e : partial.entrySet()) {
      Double r = ring.get(e.getKey());
      if (r != null) {
        String[] parts = e.getKey().split("\u0000");
        add(
            rowOut,
            columnOut,
            cellOut,
            parts[0] + ", partial / ring",
            parts[1],
            NumberText.fixed(e.getValue() / r, 2));
      }
    }
    Table tidy = Table.create("tidy", rowOut, columnOut, cellOut);
    Set<String> present = new LinkedHashSet<>(rowOut.asList());
    List<String> ordered = new ArrayList<>();
    for (String model : models) {
      for (String what :
          List.of(
              ", ring-allreduce, ms",
              ", partial average, ms",
              ", partial / ring",
              ", ring-allreduce, train h",
              ", partial average, train h")) {
        if (present.contains(model + what)) {
          ordered.add(model + what);
        }
      }
    }
    for (String label : present) {
      if (!ordered.contains(label)) {
        ordered.add(label);
      }
    }
    return Pivot.of(
        name(),
        "cluster, model, what",
        tidy,
        ordered,
        gpus.stream().map(n -> "N=" + n).toList(),
        r -> r.getString("row"),
        r -> r.getString("column"),
        r -> r.getString("cell"));
  }

  @Override
  public List<String> notes() {
    return List.of(
        "Projected by the alpha-beta model (SPEC §5; counts as gossipbench model declares them):"
            + " ms of communication per iteration, and hours to train = iterations x (compute +"
            + " communication), not overlapped; the CSV holds each row's cost model, its inputs"
            + " and their sources. Partial average = neighbor-average/hierarchical over the"
            + " nodes (ring-allreduce inside a node, one-peer exponential graph between nodes)."
            + " Rows of 'this machine' are the fits to the sweeps measured here: projected"
            + " (measured) ms, N the ranks that shared this machine's cores.");
  }

  private static void add(
      StringColumn rows,
      StringColumn columns,
      StringColumn cells,
      String row,
      String column,
      String cell) {
    rows.append(row);
    columns.append(column);
    cells.append(cell);
  }

  private static String size(long b) {
    if (b % (1L << 20) == 0) {
      return b / (1L << 20) + " MiB";
    }
    if (b % (1L << 10) == 0) {
      return b / (1L << 10) + " KiB";
    }
    return b + " B";
  }
}
