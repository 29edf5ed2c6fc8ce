package org.gossipbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.gossipbench.analysis.ResultsScan;
import picocli.CommandLine;

/**
 * What report, dashboard and compare read: the folders or files named on the command line, else the
 * results root. Each command declares its own RESULTS_DIR parameters (compare's follow BASE and
 * HEAD), so only the root and the scan are shared here.
 */
final class ResultsInputs {
  @CommandLine.Option(
      names = "--results-dir",
      defaultValue = ResultsRoot.DEFAULT,
      hidden = true,
      description = "results root read when no RESULTS_DIR is given")
  Path resultsDir;

  /** Every results file under {@code dirs}, or under the results root when none are named. */
  ResultsScan scan(List<Path> dirs) {
    return ResultsScan.of(dirs == null || dirs.isEmpty() ? List.of(resultsDir) : dirs);
  }
}
