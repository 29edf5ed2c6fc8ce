package org.gossipbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * T3 per-iteration communication (SPEC §5, §7), measured: per collective (op, algorithm, graph,
 * transport), message size S and n, the time of one iteration as nccl-tests reports it: each timed
 * iteration's slowest rank, then the median over iterations with the range, beside the bus
 * bandwidth of the median and the wrong elements every rank counted after timing, summed. Global
 * averaging (ring or parameter-server allreduce) and neighbor averaging land in one table, so each
 * row reads as "what one iteration's communication costs here". Projected times (the α–β model at
 * cluster scale) are {@link ProjectedCommunicationTable}'s, kept apart so that no column mixes
 * measured and projected numbers.
 */
final class CommunicationTable implements AnalysisTable {
  static final String KIND = "collective";

  @Override
  public String name() {
    return "T3";
  }

  @Override
  public String title() {
    return "per-iteration communication, measured: slowest rank per iteration, median over"
        + " iterations";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(KIND);
  }

  @Override
  public String command() {
    return "gossipbench collectives --op allreduce|neighbor-average --topology T -np N -b 64K -e 16M";
  }

  @Override
  public Table build(ResultsScan scan) {
    Table rows =
        scan.combined(
            KIND,
            Set.of(
                "op",
                "algorithm",
                "transport",
                "topology",
                "n",
                "bytes",
                "iteration",
                "rank",
                "time_ns",
                "wrong"),
            null);
    // slowest rank per (run, configuration, iteration): nccl-tests' time of an iteration
    Map<Key, Map<Sample, Long>> slowest = new HashMap<>();
    // each rank logs its wrong count (checked once, after timing) on every iteration row
    Map<Key, Map<Sample, Long>> wrongByRank = new HashMap<>();
    Map<Key, Set<String>> runs = new HashMap<>();
    StringColumn op = rows.stringColumn("op");
    StringColumn algorithm = rows.stringColumn("algorithm");
    StringColumn transport = rows.stringColumn("transport");
    StringColumn topology = rows.stringColumn("topology");
    IntColumn n = rows.intColumn("n");
    LongColumn bytes = rows.longColumn("bytes");
    LongColumn iteration = rows.longColumn("iteration");
    LongColumn time = rows.longColumn("time_ns");
    LongColumn wrongs = rows.longColumn("wrong");
    IntColumn rank = rows.intColumn("rank");
    StringColumn runIds = rows.stringColumn(ResultsScan.RUN_ID);
    for (int i = 0; i < rows.rowCount(); i++) {
      Key k =
          new Key(
              op.get(i),
              algorithm.get(i),
              topology.get(i),
              transport.get(i),
              n.getInt(i),
              bytes.getLong(i));
      // iterations of different runs of one configuration are distinct samples
      Sample sample = new Sample(runIds.get(i), iteration.getLong(i));
      slowest.computeIfAbsent(k, x -> new HashMap<>()).merge(sample, time.getLong(i), Math::max);
      wrongByRank
          .computeIfAbsent(k, x -> new HashMap<>())
          .merge(new Sample(runIds.get(i), rank.getInt(i)), wrongs.getLong(i), Math::max);
      runs.computeIfAbsent(k, x -> new TreeSet<>()).add(runIds.get(i));
    }
    List<Key> keys = new ArrayList<>(slowest.keySet());
    keys.sort(Key.ORDER);
    StringColumn opOut = StringColumn.create("op");
    StringColumn algorithmOut = StringColumn.create("algorithm");
    StringColumn topologyOut = StringColumn.create("topology");
    StringColumn transportOut = StringColumn.create("transport");
    IntColumn nOut = IntColumn.create("n");
    LongColumn bytesOut = LongColumn.create("bytes");
    IntColumn runCount = IntColumn.create("runs");
    IntColumn samples = IntColumn.create("iterations");
    DoubleColumn median = DoubleColumn.create("time_median_ms");
    DoubleColumn min = DoubleColumn.create("time_min_ms");
    DoubleColumn max = DoubleColumn.create("time_max_ms");
    DoubleColumn algbw = DoubleColumn.create("algbw_median_gbps");
    LongColumn wrongOut = LongColumn.create("wrong");
    for (Key k : keys) {
      double[] ms = slowest.get(k).values().stream().mapToDouble(t -> t / 1e6).sorted().toArray();
      Spread s = Spread.of(ms);
      opOut.append(k.op);
      algorithmOut.append(k.algorithm);
      topologyOut.append(k.topology);
      transportOut.append(k.transport);
      nOut.append(k.n);
      bytesOut.append(k.bytes);
      runCount.append(runs.get(k).size());
      samples.append(ms.length);
      median.append(s.median());
      min.append(s.min());
      max.append(s.max());
      algbw.append(k.bytes / (s.median() * 1e6));
      wrongOut.append(wrongByRank.get(k).values().stream().mapToLong(Long::longValue).sum());
    }
    return Table.create(
        name(),
        opOut,
        algorithmOut,
        topologyOut,
        transportOut,
        nOut,
        bytesOut,
        runCount,
        samples,
        median,
        min,
        max,
        algbw,
        wrongOut);
  }

  @Override
  public Table display(Table rows) {
    List<String> rowLabels = new ArrayList<>();
    for (Row r : rows) {
      rowLabels.add(rowLabel(r));
    }
    List<String> columnLabels =
        new TreeSet<>(rows.intColumn("n").asList()).stream().map(v -> "n=" + v).toList();
    return Pivot.of(
        name(),
        "collective, size",
        rows,
        new ArrayList<>(new LinkedHashSet<>(rowLabels)),
        columnLabels,
        CommunicationTable::rowLabel,
        r -> "n=" + r.getInt("n"),
        CommunicationTable::cellText);
  }

  @Override
  public List<String> notes() {
    return List.of(
        "Milliseconds per iteration, elapsed here: the slowest rank of each timed iteration,"
            + " median over iterations [min, max]; a cell marked ! counted wrong elements."
            + " Ranks of the local and tcp transports share this machine's cores. Projected"
            + " times at cluster scale are in table T3-projected (gossipbench project).");
  }

  private static String rowLabel(Row r) {
    String graph =
        r.getString("op").equals("neighbor-average")
            ? " on " + r.getString("topology")
            : " " + r.getString("algorithm");
    return r.getString("op") + graph + " (" + r.getString("transport") + "), " + size(r);
  }

  private static String size(Row r) {
    long b = r.getLong("bytes");
    if (b % (1L << 20) == 0) {
      return b / (1L << 20) + " MiB";
    }
    if (b % (1L << 10) == 0) {
      return b / (1L << 10) + " KiB";
    }
    return b + " B";
  }

  private static String cellText(Row r) {
    return NumberText.significant(r.getDouble("time_median_ms"), 3)
        + " ["
        + NumberText.significant(r.getDouble("time_min_ms"), 3)
        + ", "
        + NumberText.significant(r.getDouble("time_max_ms"), 3)
        + "]"
        + (r.getLong("wrong") > 0 ? " !" : "");
  }

  /** One run's iteration, or one run's rank. */
  private record Sample(String run, long index) {}

  private record Key(
      String op, String algorithm, String topology, String transport, int n, long bytes) {
    static final Comparator<Key> ORDER =
        Comparator.comparing(Key::op)
            .thenComparing(Key::algorithm)
            .thenComparing(Key::topology)
            .thenComparing(Key::transport)
            .thenComparingLong(Key::bytes)
            .thenComparingInt(Key::n);
  }
}
