package org.gossipbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gossipbench.analysis.AnalysisTable;
import org.gossipbench.analysis.AnalysisTables;
import org.gossipbench.analysis.RenderedTable;
import org.gossipbench.analysis.Report;
import org.gossipbench.analysis.ResultsScan;
import org.gossipbench.analysis.plot.HtmlReport;
import org.gossipbench.analysis.plot.RenderedPlot;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench report}: regenerate every table from the Arrow logs. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    header =
        "Regenerate every table (SPEC §7) and plot from the results files, as Markdown, CSV,"
            + " PNG and one HTML page.",
    description =
        "Reads every results file under each RESULTS_DIR and writes DIR/<table>.md and"
            + " DIR/<table>.csv per table and DIR/report.md with all of them, DIR/plots/<plot>.png"
            + " per plot and DIR/report.html with every table and plot (interactive; plotly inlined"
            + " where the build fetched it, so the page opens offline). The same files give"
            + " byte-identical output; the CSV keeps every number at full precision (shortest"
            + " round-trip form). A table or plot whose runs are missing says so, with the command"
            + " that produces them. Corrupt or foreign files are named and skipped. With --print,"
            + " the named tables' Markdown goes to standard output instead and nothing is"
            + " written: the README's results tables are that output. "
            + ResultsRoot.LISTING)
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(
      arity = "0..*",
      paramLabel = "RESULTS_DIR",
      description = "folders or files to read (default: the results root)")
  List<Path> dirs;

  @CommandLine.ArgGroup(multiplicity = "1")
  Output output;

  /** Where the report goes: a folder of files, or some tables to standard output. */
  static final class Output {
    @CommandLine.Option(
        names = "--out",
        paramLabel = "DIR",
        description = "folder to write the tables and plots into (created if absent)")
    Path out;

    @CommandLine.Option(
        names = "--print",
        split = ",",
        paramLabel = "TABLE",
        description =
            "print these tables' Markdown (headings at level 4) to standard output and write"
                + " nothing, e.g. T4,T6")
    List<String> print;
  }

  @CommandLine.Mixin ResultsInputs inputs;

  @Override
  public Integer call() {
    if (output.print != null) {
      return print(output.print);
    }
    Path out = output.out;
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " exists and is not a folder");
    }
    ResultsScan scan = inputs.scan(dirs);
    Report report = Report.of(scan);
    HtmlReport html = HtmlReport.of(report, scan);
    try {
      report.write(out);
      html.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    PrintWriter w = spec.commandLine().getOut();
    for (RenderedTable t : report.tables()) {
      w.println(t.summary());
    }
    for (RenderedPlot p : html.plots()) {
      w.println(p.summary());
    }
    for (String line : scan.skipped()) {
      w.println("skipped " + line);
    }
    w.println(
        AnalysisTables.all().size()
            + " tables and "
            + html.drawn().size()
            + " plots from "
            + scan.fileCount()
            + " files ("
            + scan.skipped().size()
            + " skipped) written to "
            + out);
    return Main.EXIT_OK;
  }

  private int print(List<String> names) {
    List<AnalysisTable> tables = names.stream().map(AnalysisTables::get).toList();
    ResultsScan scan = inputs.scan(dirs);
    PrintWriter w = spec.commandLine().getOut();
    for (int i = 0; i < tables.size(); i++) {
      w.print((i == 0 ? "" : "\n") + RenderedTable.of(tables.get(i), scan).markdown(4));
    }
    // skipped files go to stderr, so a README block never holds a line about a stray file
    for (String line : scan.skipped()) {
      spec.commandLine().getErr().println("skipped " + line);
    }
    w.flush();
    return Main.EXIT_OK;
  }
}
