package org.gossipbench.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * T2 topology (SPEC §2, §7): per topology and n the exact mixing properties {@code topology table
 * --out} logged, with, where those runs exist among the files read, the measured per-iteration time
 * of neighbor averaging over it (T3's rule: each iteration's slowest rank, median over iterations,
 * at the largest message logged for it) and the measured transient iterations of the theory check
 * (DSGD until within its factor of PSGD). A (topology, n) logged twice keeps its first row in path
 * order.
 */
final class TopologyTable implements AnalysisTable {
  static final String KIND = "topology";

  @Override
  public String name() {
    return "T2";
  }

  @Override
  public String title() {
    return "topology: exact mixing properties, with measured communication and transient"
        + " iterations where logged";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(KIND);
  }

  @Override
  public String command() {
    return "gossipbench topology table -n 8,16,32,64 --out FILE";
  }

  @Override
  public Table build(ResultsScan scan) {
    Table all = scan.combined(KIND);
    Set<String> seen = new HashSet<>();
    Table rows = all.emptyCopy();
    for (Row r : all) {
      if (seen.add(key(r.getString("topology"), r.getInt("n")))) {
        rows.append(r);
      }
    }
    rows.removeColumns("analysis_ns", ResultsScan.RUN_ID);
    Map<String, double[]> communication = communication(scan);
    Map<String, Long> transients = transients(scan);
    LongColumn bytes = LongColumn.create("neighbor_average_bytes");
    DoubleColumn millis = DoubleColumn.create("neighbor_average_median_ms");
    LongColumn transientIterations = LongColumn.create("transient_iterations");
    for (Row r : rows) {
      String k = key(r.getString("topology"), r.getInt("n"));
      double[] c = communication.get(k);
      if (c == null) {
        bytes.appendMissing();
        millis.appendMissing();
      } else {
        bytes.append((long) c[0]);
        millis.append(c[1]);
      }
      Long t = transients.get(k);
      if (t == null) {
        transientIterations.appendMissing();
      } else {
        transientIterations.append(t);
      }
    }
    return rows.addColumns(bytes, millis, transientIterations).setName(name());
  }

  @Override
  public List<String> notes() {
    return List.of(
        "rho = ||W - 11^T/n||_2 (largest over one period; of W(I - 11^T/n) for column stochastic"
            + " W), computed exactly. neighbor_average_median_ms: measured here, in-process or"
            + " over the logged transport, ranks sharing this machine's cores; transient"
            + " iterations: gossipbench theory's transient check (strongly convex, iid), not the"
            + " non-convex rate. Empty cells: no such runs among the files read.");
  }

  private static String key(String topology, int n) {
    return topology + '\u0000' + n;
  }

  /** (bytes, median ms) of neighbor averaging at the largest size logged per (topology, n). */
  private static Map<String, double[]> communication(ResultsScan scan) {
    Map<String, double[]> best = new HashMap<>();
    if (!scan.has(CommunicationTable.KIND)) {
      return best;
    }
    for (Row r : new CommunicationTable().build(scan)) {
      if (!r.getString("op").equals("neighbor-average")) {
        continue;
      }
      String k = key(r.getString("topology"), r.getInt("n"));
      double[] c = best.get(k);
      if (c == null || r.getLong("bytes") > c[0]) {
        best.put(k, new double[] {r.getLong("bytes"), r.getDouble("time_median_ms")});
      }
    }
    return best;
  }

  private static Map<String, Long> transients(ResultsScan scan) {
    Map<String, Long> out = new HashMap<>();
    if (!scan.has("theory-point")) {
      return out;
    }
    Table points = scan.combined("theory-point");
    for (Row r : points.where(points.longColumn("transient_iterations").isNotMissing())) {
      if (r.getString("algorithm").equals("dsgd")) {
        out.putIfAbsent(
            key(r.getString("topology"), r.getInt("n")), r.getLong("transient_iterations"));
      }
    }
    return out;
  }
}
