package org.gossipbench.analysis.plot;

import java.util.List;
import org.gossipbench.analysis.ResultsScan;

/**
 * One plot the report draws from the Arrow logs: one class per plot, registered in {@link Plots}.
 * Written as {@code plots/<name>.png} and drawn interactively in {@code report.html}.
 */
public interface Plot {
  /** The registry name and the PNG's file stem, e.g. {@code latency-vs-size}. */
  String name();

  /** The plot's title, with what is aggregated and how. */
  String title();

  /** The record kinds it reads, e.g. {@code collective}. */
  List<String> requiredKinds();

  /** The command (or script) that produces its records, for the line saying they are missing. */
  String command();

  /**
   * The series, computed from the scan; none when the scan holds none of its records. Called only
   * when every {@link #requiredKinds() required kind} is present.
   */
  PlotData build(ResultsScan scan);
}
