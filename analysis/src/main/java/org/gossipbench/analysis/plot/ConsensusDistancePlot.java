package org.gossipbench.analysis.plot;

import java.util.List;
import org.gossipbench.analysis.ResultsScan;

/**
 * Consensus error against the iteration, log y: the distance of the nodes' models to their average
 * that training steps log, one line per algorithm on graph, n and partition ({@link
 * TrainingCurves}); exact averaging (PSGD) keeps it at zero, which a log axis cannot show.
 */
final class ConsensusDistancePlot implements Plot {
  @Override
  public String name() {
    return "consensus-vs-iteration";
  }

  @Override
  public String title() {
    return "Consensus distance vs iteration (median over ranks and seeds)";
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
        "iteration", "consensus distance", false, true, TrainingCurves.consensus(scan));
  }
}
