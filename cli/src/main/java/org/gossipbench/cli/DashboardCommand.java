package org.gossipbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gossipbench.analysis.ResultsScan;
import org.gossipbench.analysis.compare.CommitHistory;
import org.gossipbench.analysis.compare.Observations;
import org.gossipbench.analysis.compare.RegressionRule;
import org.gossipbench.analysis.dashboard.Dashboard;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench dashboard}: the metrics over commits as a static page. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    header = "Write a static page of every benchmark's metrics over commits (DIR/index.html).",
    description =
        "Reads every collective and run-summary file under each RESULTS_DIR and writes"
            + " DIR/index.html, to open from disk (no server, no script): per configuration and"
            + " metric, the runs of every commit in commit order (the git history of --git, else the runs' start times) as an"
            + " inline SVG chart with the load average beside each point, and the latest commit"
            + " against the baseline with the ratio (or points), its 95%% confidence interval and"
            + " the regressions flagged by the rule stated on the page (that of gossipbench"
            + " compare). The same files give the same bytes. "
            + ResultsRoot.LISTING)
final class DashboardCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(
      arity = "0..*",
      paramLabel = "RESULTS_DIR",
      description = "folders or files to read (default: the results root)")
  List<Path> dirs;

  @CommandLine.Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "folder to write index.html into (created if absent)")
  Path out;

  @CommandLine.Option(
      names = "--baseline",
      paramLabel = "COMMIT",
      description = "the commit the latest is compared with (default: the one before the latest)")
  String baseline;

  @CommandLine.Mixin ResultsInputs inputs;

  @CommandLine.Mixin GitHistoryOption history;

  @Override
  public Integer call() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " exists and is not a folder");
    }
    ResultsScan scan = inputs.scan(dirs);
    Dashboard.Summary s;
    try {
      s =
          Dashboard.write(
              out, Observations.of(scan), baseline, RegressionRule.DEFAULT, history.order());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    PrintWriter w = spec.commandLine().getOut();
    for (String line : scan.skipped()) {
      w.println("skipped " + line);
    }
    w.println(
        s.series()
            + " series, head "
            + CommitHistory.shortHash(s.head())
            + " against "
            + CommitHistory.shortHash(s.baseline())
            + ": "
            + s.regressions()
            + (s.regressions() == 1 ? " regression" : " regressions")
            + " flagged; written to "
            + out.resolve("index.html"));
    return Main.EXIT_OK;
  }
}
