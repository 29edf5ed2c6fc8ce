package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * T1 consensus (SPEC §7): partial averaging x ← W^(k) x as {@code topology consensus --out} logged
 * it, one row per topology, n and listed iteration: every node's value, their mean and the
 * consensus distance (1/n) Σ_i (x_i − x̄)², which shows the rate ρ at a glance. A configuration
 * logged twice keeps its first file in path order.
 */
final class ConsensusTable implements AnalysisTable {
  static final String KIND = "consensus";

  @Override
  public String name() {
    return "T1";
  }

  @Override
  public String title() {
    return "consensus: partial averaging x <- W x, every node's value per iteration";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(KIND);
  }

  @Override
  public String command() {
    return "gossipbench topology consensus TOPO -n 5 --out FILE";
  }

  @Override
  public Table build(ResultsScan scan) {
    Table points = scan.combined(KIND);
    // (topology, n) -> the first run that logged it -> iteration -> values by node
    Map<String, String> firstRun = new LinkedHashMap<>();
    Map<String, Map<Long, double[]>> curves = new LinkedHashMap<>();
    int widest = 0;
    for (Row r : points) {
      String config = r.getString("topology") + '\u0000' + r.getInt("n");
      String run = r.getString(ResultsScan.RUN_ID);
      if (!firstRun.computeIfAbsent(config, c -> run).equals(run)) {
        continue;
      }
      int n = r.getInt("n");
      widest = Math.max(widest, n);
      curves.computeIfAbsent(config, c -> new LinkedHashMap<>())
              .computeIfAbsent(r.getLong("iteration"), k -> new double[n])[r.getInt("node")] =
          r.getDouble("value");
    }
    StringColumn topology = StringColumn.create("topology");
    IntColumn nodes = IntColumn.create("n");
    LongColumn iteration = LongColumn.create("iteration");
    DoubleColumn mean = DoubleColumn.create("mean");
    DoubleColumn distance = DoubleColumn.create("consensus_distance");
    List<DoubleColumn> values = new ArrayList<>();
    for (int i = 0; i < widest; i++) {
      values.add(DoubleColumn.create("node_" + i));
    }
    for (Map.Entry<String, Map<Long, double[]>> e : curves.entrySet()) {
      String[] config = e.getKey().split("\u0000");
      for (Map.Entry<Long, double[]> k : e.getValue().entrySet()) {
        double[] x = k.getValue();
        double m = 0;
        for (double v : x) {
          m += v / x.length;
        }
        double d = 0;
        for (double v : x) {
          d += (v - m) * (v - m) / x.length;
        }
        topology.append(config[0]);
        nodes.append(x.length);
        iteration.append(k.getKey());
        mean.append(m);
        distance.append(d);
        for (int i = 0; i < widest; i++) {
          if (i < x.length) {
            values.get(i).append(x[i]);
          } else {
            values.get(i).appendMissing();
          }
        }
      }
    }
    Table t = Table.create(name(), topology, nodes, iteration, mean, distance);
    values.forEach(t::addColumns);
    return t;
  }

  @Override
  public List<String> notes() {
    return List.of(
        "Exact arithmetic in doubles, no timing. consensus_distance = (1/n) sum_i (x_i - mean)^2;"
            + " on a doubly stochastic W the mean never moves, on a column-stochastic one the"
            + " values are push-sum's ratios x_i / w_i.");
  }
}
