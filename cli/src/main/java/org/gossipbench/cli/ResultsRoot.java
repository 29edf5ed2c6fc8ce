package org.gossipbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.gossipbench.results.ResultsLayout;
import picocli.CommandLine;

/**
 * The default results root, the same for every command and independent of the working directory:
 * {@code $GOSSIPBENCH_RESULTS}, else the {@code results} folder of the checkout bin/gossipbench
 * runs from (it passes {@code -Dgossipbench.home}), else {@code ./results}.
 */
final class ResultsRoot {
  /** A picocli default value; {@code ${DEFAULT-VALUE}} in help shows what it resolved to. */
  static final String DEFAULT = "${env:GOSSIPBENCH_RESULTS:-${sys:gossipbench.home:-.}/results}";

  static final String HELP =
      "ROOT is $GOSSIPBENCH_RESULTS if set, else the results folder of the checkout"
          + " bin/gossipbench runs from, else ./results.";

  static final String LISTING =
      "DIR defaults to the results root ($GOSSIPBENCH_RESULTS, else the checkout's results"
          + " folder, else ./results). In a results root (a folder holding runs/ or reference/)"
          + " only runs/ and reference/ are read; any other folder is searched whole, except"
          + " Maven's target/ folders.";

  private ResultsRoot() {}

  /**
   * The files to read at {@code path}, given on the command line ({@link ResultsLayout#find}) or
   * the default root, which is read as a layout even before anything has run in it.
   */
  static List<Path> files(Path path, CommandLine.Model.CommandSpec spec) {
    boolean given = spec.commandLine().getParseResult().hasMatchedPositional(0);
    return given ? ResultsLayout.find(path) : ResultsLayout.findRuns(path);
  }
}
