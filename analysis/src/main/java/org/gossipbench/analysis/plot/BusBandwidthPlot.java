package org.gossipbench.analysis.plot;

import java.util.List;
import org.gossipbench.analysis.ResultsScan;

/**
 * Bus bandwidth (nccl-tests' busbw, SPEC §5) against message size, log x, one line per operation,
 * algorithm, topology, transport and n: the median over ranks and timed iterations.
 */
final class BusBandwidthPlot implements Plot {
  @Override
  public String name() {
    return "busbw-vs-size";
  }

  @Override
  public String title() {
    return "Bus bandwidth vs message size (median over ranks and iterations)";
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
        "bus bandwidth (GB/s)",
        true,
        false,
        MedianCurves.of(
            scan.combined(CollectiveLabels.KIND),
            CollectiveLabels::of,
            r -> r.getLong("bytes"),
            r -> r.getLong("bytes"),
            r -> r.getDouble("busbw_gbps")));
  }
}
