package org.gossipbench.analysis.plot;

import java.util.List;
import org.gossipbench.analysis.ResultsScan;

/**
 * Accuracy of the average model at each evaluation against the elapsed wall time (elapsed here:
 * simulated nodes share the cores). One line per algorithm on graph, n and partition ({@link
 * TrainingCurves}).
 */
final class AccuracyVsTimePlot implements Plot {
  @Override
  public String name() {
    return "accuracy-vs-time";
  }

  @Override
  public String title() {
    return "Test accuracy of the average model vs elapsed time (median over seeds)";
  }

  @Override
  public List<String> requiredKinds() {
    return List.of(TrainingCurves.STEPS);
  }

  @Override
  public String command() {
    return TrainingCurves.COMMAND;
  }

  @Override
  public PlotData build(ResultsScan scan) {
    return PlotData.lines(
        "elapsed time (s)", "accuracy (%)", false, false, TrainingCurves.accuracy(scan, true));
  }
}
