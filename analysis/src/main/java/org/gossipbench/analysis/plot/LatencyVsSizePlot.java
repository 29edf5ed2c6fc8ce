package org.gossipbench.analysis.plot;

import java.util.List;
import org.gossipbench.analysis.ResultsScan;

/**
 * Latency against message size, log-log, one line per operation, algorithm, topology, transport and
 * n: the median over ranks and timed iterations of each size's wall time.
 */
final class LatencyVsSizePlot implements Plot {
  @Override
  public String name() {
    return "latency-vs-size";
  }

  @Override
  public String title() {
    return "Collective latency vs message size (median over ranks and iterations)";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(CollectiveLabels.KIND);
  }

  @Override
  public String command() {
    return CollectiveLabels.COMMAND;
  }

  @Override
  public PlotData build(ResultsScan scan) {
    return PlotData.lines(
        "message size per rank (bytes)",
        "latency (µs)",
        true,
        true,
        MedianCurves.of(
            scan.combined(CollectiveLabels.KIND),
            CollectiveLabels::of,
            r -> r.getLong("bytes"),
            r -> r.getLong("bytes"),
            r -> r.getLong("time_ns") / 1e3));
  }
}
