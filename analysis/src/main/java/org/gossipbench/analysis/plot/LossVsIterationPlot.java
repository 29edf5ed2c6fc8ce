package org.gossipbench.analysis.plot;

import java.util.List;
import org.gossipbench.analysis.ResultsScan;

/**
 * Each rank's minibatch training loss against the iteration, log y. One line per algorithm on
 * graph, n and partition ({@link TrainingCurves}).
 */
final class LossVsIterationPlot implements Plot {
  @Override
  public String name() {
    return "loss-vs-iteration";
  }

  @Override
  public String title() {
    return "Training loss vs iteration (median over ranks and seeds)";
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
        "iteration", "training loss", false, true, TrainingCurves.loss(scan, false));
  }
}
