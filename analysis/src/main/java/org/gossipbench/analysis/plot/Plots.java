package org.gossipbench.analysis.plot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every plot the report draws, by name, in report order. */
public final class Plots {
  private static final Map<String, Plot> BY_NAME = new LinkedHashMap<>();

  static {
    for (Plot p :
        List.of(
            new LatencyVsSizePlot(),
            new BusBandwidthPlot(),
            new ConsensusDistancePlot(),
            new AccuracyVsIterationPlot(),
            new AccuracyVsTimePlot(),
            new LossVsIterationPlot(),
            new LossVsTimePlot(),
            new SpeedupPlot(),
            new HeterogeneityBarsPlot(),
            new TransientPlot())) {
      BY_NAME.put(p.name(), p);
    }
  }

  private Plots() {}

  public static List<Plot> all() {
    return List.copyOf(BY_NAME.values());
  }

  /**
   * @throws IllegalArgumentException naming the known plots
   */
  public static Plot get(String name) {
    Plot p = BY_NAME.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown plot '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
    }
    return p;
  }
}
