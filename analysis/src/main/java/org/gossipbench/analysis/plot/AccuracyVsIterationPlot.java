package org.gossipbench.analysis.plot;

import java.util.List;
import org.gossipbench.analysis.ResultsScan;

/**
 * Accuracy of the average model at each evaluation against the iteration. One line per algorithm on
 * graph, n and partition ({@link TrainingCurves}).
 */
final class AccuracyVsIterationPlot implements Plot {
  @Override
  public String name() {
    return "accuracy-vs-iteration";
  }

  @Override
  public String title() {
    return "Test accuracy of the average model vs iteration (median over seeds)";
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
        "iteration", "accuracy (%)", false, false, TrainingCurves.accuracy(scan, false));
  }
}
