package org.gossipbench.analysis.plot;

import java.util.ArrayList;
import java.util.List;
import org.gossipbench.analysis.ResultsScan;

/**
 * One plot computed from a scan: its data, or, when its records are missing, the line saying so
 * with the command that produces them.
 *
 * @param data null when missing
 * @param missing null unless missing
 */
public record RenderedPlot(Plot plot, PlotData data, String missing) {
  public static RenderedPlot of(Plot plot, ResultsScan scan) {
    List<String> absent = new ArrayList<>();
    for (String kind : plot.requiredKinds()) {
      if (!scan.has(kind)) {
        absent.add(kind);
      }
    }
    PlotData data = absent.isEmpty() ? plot.build(scan) : null;
    if (data == null || data.drawable().isEmpty()) {
      String why =
          absent.isEmpty()
              ? "none of the "
                  + String.join(" and ", plot.requiredKinds())
                  + " files read hold its records"
              : "no " + String.join(" or ", absent) + " files among those read";
      return new RenderedPlot(
          plot, null, "Missing: " + why + "; produce them with `" + plot.command() + "`.");
    }
    return new RenderedPlot(plot, data, null);
  }

  public boolean isMissing() {
    return data == null;
  }

  /** One line for a terminal: the name, and the series or why there are none. */
  public String summary() {
    if (isMissing()) {
      return "plot " + plot.name() + ": skipped, " + missing;
    }
    int n = data.drawable().size();
    return "plot " + plot.name() + ": " + n + " series";
  }
}
