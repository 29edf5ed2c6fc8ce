package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The rows T4 and T5 share: per training configuration (its seeds are the repeats), in report
 * order, how many runs there were and reached the target, the final metric's median and range over
 * seeds, and the olympic means of the three times to target.
 */
final class FinalMetricRows {
  private FinalMetricRows() {}

  /**
   * @param prefix the final metric's column stem, e.g. {@code final_accuracy}
   * @param withMetricName whether a {@code metric} column names each configuration's metric
   */
  static Table of(String name, Table runs, String prefix, boolean withMetricName) {
    StringColumn workload = StringColumn.create("workload");
    StringColumn algorithm = StringColumn.create("algorithm");
    StringColumn topology = StringColumn.create("topology");
    StringColumn partition = StringColumn.create("partition");
    IntColumn n = IntColumn.create("n");
    StringColumn metric = StringColumn.create("metric");
    DoubleColumn target = DoubleColumn.create("target");
    IntColumn count = IntColumn.create("runs");
    IntColumn reached = IntColumn.create("reached");
    DoubleColumn median = DoubleColumn.create(prefix + "_median");
    DoubleColumn min = DoubleColumn.create(prefix + "_min");
    DoubleColumn max = DoubleColumn.create(prefix + "_max");
    List<DoubleColumn> times = TrainingRuns.olympicTimeColumns();
    List<Table> groups = new ArrayList<>(runs.splitOn(TrainingRuns.CONFIGURATION).asTableList());
    groups.sort(TrainingRuns.CONFIGURATION_ORDER);
    for (Table g : groups) {
      Row first = g.row(0);
      workload.append(first.getString("workload"));
      algorithm.append(first.getString("algorithm"));
      topology.append(first.getString("topology"));
      partition.append(first.getString("partition"));
      n.append(first.getInt("n"));
      metric.append(first.getString("metric"));
      target.append(first.getDouble("target"));
      count.append(g.rowCount());
      Table hit = g.where(g.booleanColumn("reached").isTrue());
      reached.append(hit.rowCount());
      DoubleColumn finals = g.doubleColumn(TrainingRuns.FINAL_METRIC).removeMissing();
      if (finals.isEmpty()) {
        median.appendMissing();
        min.appendMissing();
        max.appendMissing();
      } else {
        Spread s = Spread.of(finals.asDoubleArray());
        median.append(s.median());
        min.append(s.min());
        max.append(s.max());
      }
      TrainingRuns.appendOlympicTimes(hit, times);
    }
    Table t = Table.create(name, workload, algorithm, topology, partition, n);
    if (withMetricName) {
      t.addColumns(metric);
    }
    t.addColumns(target, count, reached, median, min, max);
    return t.addColumns(times.toArray(DoubleColumn[]::new));
  }
}
