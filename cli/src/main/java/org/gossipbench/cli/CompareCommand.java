package org.gossipbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gossipbench.analysis.NumberText;
import org.gossipbench.analysis.ResultsScan;
import org.gossipbench.analysis.compare.CommitHistory;
import org.gossipbench.analysis.compare.Comparison;
import org.gossipbench.analysis.compare.Comparisons;
import org.gossipbench.analysis.compare.Observation;
import org.gossipbench.analysis.compare.Observations;
import org.gossipbench.analysis.compare.RegressionRule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** {@code gossipbench compare}: did HEAD regress against BASE, beyond the run-to-run noise? */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    header = "Compare two commits' runs per configuration and flag regressions beyond the noise.",
    description =
        "Reads every collective and run-summary file under each RESULTS_DIR, groups the runs by"
            + " configuration and by the commit in their provenance, and compares BASE with HEAD"
            + " (full hashes or unique prefixes): collectives' median time and busbw, training"
            + " runs' best accuracy, time to target and throughput. "
            + "A change is flagged only when its whole 95% confidence interval lies beyond a"
            + " floor (5% for times and rates, 1 point for accuracy) on the worse side, the"
            + " interval's width set by the measured run-to-run noise sigma of repeated runs of"
            + " one commit (the rule is printed with the table). Exit code 1 when a regression is"
            + " flagged, 0 otherwise, 2 on bad input (an unknown commit names the known ones). With"
            + " --format"
            + " csv only the table is printed. "
            + ResultsRoot.LISTING)
final class CompareCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(index = "0", paramLabel = "BASE", description = "the baseline commit")
  String base;

  @CommandLine.Parameters(index = "1", paramLabel = "HEAD", description = "the commit to judge")
  String head;

  @CommandLine.Parameters(
      index = "2..*",
      arity = "0..*",
      paramLabel = "RESULTS_DIR",
      description = "folders or files to read (default: the results root)")
  List<Path> dirs;

  @CommandLine.Option(
      names = "--noise-from",
      paramLabel = "COMMIT",
      description =
          "measure the run-to-run noise on this commit's repeats only (default: every commit's)")
  String noiseFrom;

  @CommandLine.Mixin FormatOption format;

  @CommandLine.Mixin ResultsInputs inputs;

  @CommandLine.Mixin GitHistoryOption git;

  @Override
  public Integer call() {
    ResultsScan scan = inputs.scan(dirs);
    List<Observation> observations = Observations.of(scan);
    CommitHistory history = CommitHistory.of(observations, git.order());
    String b = history.resolve(base);
    String h = history.resolve(head);
    List<String> noiseCommits =
        noiseFrom == null ? history.commits() : List.of(history.resolve(noiseFrom));
    RegressionRule rule = RegressionRule.DEFAULT;
    List<Comparison> comparisons = Comparisons.compare(observations, b, h, noiseCommits, rule);
    if (comparisons.isEmpty()) {
      throw new IllegalArgumentException(
          "no configuration has runs at both "
              + CommitHistory.shortHash(b)
              + " and "
              + CommitHistory.shortHash(h));
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean csv = format.format == OutputFormat.csv;
    long flagged =
        comparisons.stream().filter(c -> c.verdict() == Comparison.Verdict.REGRESSION).count();
    if (!csv) {
      out.println(
          "base "
              + CommitHistory.shortHash(b)
              + (history.dirty(b) ? " (dirty)" : "")
              + ", head "
              + CommitHistory.shortHash(h)
              + (history.dirty(h) ? " (dirty)" : "")
              + "; noise from "
              + (noiseFrom == null
                  ? "every commit's repeats"
                  : CommitHistory.shortHash(noiseCommits.get(0)) + "'s repeats")
              + "; noise_sigma in log units for times and rates, points for accuracy");
      out.println();
    }
    textTable(Comparisons.table(comparisons), csv).print(out, format.format);
    if (!csv) {
      out.println();
      out.println(rule.text());
      out.println(
          flagged
              + (flagged == 1 ? " regression" : " regressions")
              + " flagged in "
              + comparisons.size()
              + " comparisons");
    }
    out.flush();
    return flagged > 0 ? Main.EXIT_FAILURE : Main.EXIT_OK;
  }

  /** Full precision for CSV, four significant digits for people. */
  static TextTable textTable(Table t, boolean fullPrecision) {
    List<String> header = new ArrayList<>();
    boolean[] right = new boolean[t.columnCount()];
    for (int i = 0; i < t.columnCount(); i++) {
      header.add(t.column(i).name());
      right[i] = t.column(i) instanceof NumericColumn<?>;
    }
    TextTable table = new TextTable(header, right);
    for (int r = 0; r < t.rowCount(); r++) {
      List<String> cells = new ArrayList<>();
      for (Column<?> c : t.columns()) {
        if (c.isMissing(r)) {
          cells.add(fullPrecision ? "" : "-");
        } else if (c instanceof DoubleColumn d) {
          double v = d.getDouble(r);
          cells.add(fullPrecision ? NumberText.roundTrip(v) : NumberText.significant(v, 4));
        } else {
          cells.add(c.getString(r));
        }
      }
      table.addRow(cells);
    }
    return table;
  }
}
