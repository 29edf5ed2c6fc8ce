package org.gossipbench.analysis.plot;

import java.util.List;
import org.gossipbench.analysis.ResultsScan;

/**
 * Each rank's minibatch training loss against the elapsed wall time, log y. One line per algorithm
 * on graph, n and partition ({@link TrainingCurves}).
 */
final class LossVsTimePlot implements Plot {
  @Override
  public String name() {
    return "loss-vs-time";
  }

  @Override
  public String title() {
    return "Training loss vs elapsed time (median over ranks and seeds)";
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
        "elapsed time (s)", "training loss", false, true, TrainingCurves.loss(scan, true));
  }
}
