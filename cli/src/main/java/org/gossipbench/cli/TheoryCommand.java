package org.gossipbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.ResultsLayout;
import org.gossipbench.results.TheoryFit;
import org.gossipbench.results.TheoryFitSchema;
import org.gossipbench.results.TheoryPoint;
import org.gossipbench.results.TheoryPointSchema;
import org.gossipbench.workloads.theory.TheoryCheck;
import org.gossipbench.workloads.theory.TheoryChecks;
import org.gossipbench.workloads.theory.TheoryReport;
import org.gossipbench.workloads.theory.TheorySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "theory",
    mixinStandardHelpOptions = true,
    header = "Check SPEC section 4's theory by measurement on a heterogeneous quadratic.",
    description =
        "Runs the registered algorithms (PSGD, DSGD, gradient tracking, exact diffusion) on n"
            + " simulated nodes over the in-process transport on f_i(x) = 0.5 ||x - c_i||^2 with"
            + " heterogeneity b2 and gradient noise sigma, and checks SPEC section 4 with numbers:"
            + " dsgd-b2 (DSGD's error grows as b2), gt-b2 (gradient tracking's and exact"
            + " diffusion's does not), dsgd-rho (DSGD's bias against rho^2/(1-rho)^2), psgd-n"
            + " (PSGD's error falls as 1/n) and transient (iterations until DSGD's error stays"
            + " within 1.5x PSGD's, per topology and n). Prints one table per check, with the exact"
            + " value of the linear recursion where there is one, then the fitted log-log slopes"
            + " next to the predicted ones, and logs both as Arrow files (theory-point and"
            + " theory-fit). CSV prints every point, a blank line, then the fits.",
    sortOptions = false)
final class TheoryCommand implements Callable<Integer> {
  static final List<String> FIT_HEADER =
      List.of(
          "check",
          "algorithm",
          "topology",
          "quantity",
          "fitted_slope",
          "relation",
          "predicted_slope",
          "r2",
          "points");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--check",
      split = ",",
      paramLabel = "NAME",
      description = "checks to run, comma-separated or repeated (default: all)")
  List<String> checks;

  @CommandLine.Option(
      names = "--quick",
      description = "small sizes (seconds; what the tests run) instead of the full run (minutes)")
  boolean quick;

  @CommandLine.Option(
      names = "--seed",
      defaultValue = "1",
      description = "seed of every draw; repeat r uses seed + r (default: ${DEFAULT-VALUE})")
  long seed;

  @CommandLine.Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "folder for theory-points.arrow and theory-fits.arrow (default:"
              + " <results-dir>/runs/<commit>[-dirty]/<run-id>.arrow and <run-id>-fits.arrow)")
  Path out;

  @CommandLine.Option(
      names = "--results-dir",
      defaultValue = ResultsRoot.DEFAULT,
      description = "results root (default: $GOSSIPBENCH_RESULTS, else <checkout>/results)")
  Path resultsDir;

  @CommandLine.Mixin FormatOption output;

  @Override
  public Integer call() {
    List<TheoryCheck> selected = new ArrayList<>();
    for (String name : checks == null ? TheoryChecks.names() : new LinkedHashSet<>(checks)) {
      selected.add(TheoryChecks.get(name));
    }
    String commandLine =
        "gossipbench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    String runId = ResultsLayout.newRunId(TheoryPointSchema.INSTANCE.kind(), Instant.now());
    String json = configJson(selected);
    // captured before measuring, so start time and load average are the run's
    Provenance pointsProvenance =
        Provenance.capture(TheoryPointSchema.INSTANCE, runId, json, seed, commandLine);
    Provenance fitsProvenance =
        Provenance.capture(TheoryFitSchema.INSTANCE, runId, json, seed, commandLine);
    Path pointsFile =
        out != null
            ? out.resolve("theory-points" + ResultsLayout.EXTENSION)
            : ResultsLayout.runFile(resultsDir, pointsProvenance);
    Path fitsFile =
        out != null
            ? out.resolve("theory-fits" + ResultsLayout.EXTENSION)
            : TrainCommand.siblingPath(pointsFile, "-fits");
    // checked before measuring: a run that cannot be written must not be run
    if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException(out + " is not a folder (--out takes a folder)");
    }
    for (Path f : List.of(pointsFile, fitsFile)) {
      if (Files.exists(f)) {
        throw new IllegalArgumentException(
            f + " exists; results files are never overwritten (choose another --out)");
      }
    }

    TheorySettings settings = new TheorySettings(quick, seed);
    List<TheoryReport> reports = new ArrayList<>();
    List<Long> wallNanos = new ArrayList<>();
    for (TheoryCheck c : selected) {
      long start = System.nanoTime();
      reports.add(TheoryChecks.run(c, settings));
      wallNanos.add(System.nanoTime() - start);
    }
    write(reports, pointsFile, pointsProvenance, fitsFile, fitsProvenance);

    PrintWriter w = spec.commandLine().getOut();
    if (output.format == OutputFormat.csv) {
      printCsv(w, selected, reports);
    } else {
      printTables(w, selected, reports, wallNanos);
    }
    PrintWriter notes = output.format == OutputFormat.csv ? spec.commandLine().getErr() : w;
    notes.println("points: " + pointsFile);
    notes.println("fits: " + fitsFile);
    notes.flush();
    return Main.EXIT_OK;
  }

  private String configJson(List<TheoryCheck> selected) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("checks", selected.stream().map(TheoryCheck::name).toList());
    config.put("quick", quick);
    config.put("seed", seed);
    try {
      return new ObjectMapper().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(
      List<TheoryReport> reports,
      Path pointsFile,
      Provenance pointsProvenance,
      Path fitsFile,
      Provenance fitsProvenance) {
    try (RootAllocator allocator = new RootAllocator()) {
      try (ResultWriter<TheoryPoint> w =
          ResultWriter.create(
              pointsFile, TheoryPointSchema.INSTANCE, pointsProvenance, allocator)) {
        reports.forEach(r -> r.points().forEach(w::append));
        w.commit();
      }
      try (ResultWriter<TheoryFit> w =
          ResultWriter.create(fitsFile, TheoryFitSchema.INSTANCE, fitsProvenance, allocator)) {
        reports.forEach(r -> r.fits().forEach(w::append));
        w.commit();
      }
    }
  }

  private void printTables(
      PrintWriter w, List<TheoryCheck> selected, List<TheoryReport> reports, List<Long> wall) {
    boolean markdown = output.format == OutputFormat.markdown;
    for (int i = 0; i < selected.size(); i++) {
      TheoryCheck c = selected.get(i);
      // wall time is this machine's, with n simulated nodes sharing its cores
      w.printf(
          Locale.ROOT,
          "%s %s: %s (%.1f s elapsed here)%n",
          markdown ? "####" : "#",
          c.name(),
          c.description(),
          wall.get(i) / 1e9);
      if (markdown) {
        w.println();
      }
      pointTable(c.tableColumns(), reports.get(i).points(), output.format).print(w, output.format);
      w.println();
    }
    w.println(markdown ? "#### fitted log-log slopes" : "# fitted log-log slopes");
    if (markdown) {
      w.println();
    }
    fitTable(reports, output.format).print(w, output.format);
    w.println();
  }

  private static void printCsv(
      PrintWriter w, List<TheoryCheck> selected, List<TheoryReport> reports) {
    List<String> every = new ArrayList<>(List.of("check"));
    for (TheoryColumn c : TheoryColumn.values()) {
      every.add(c.label());
    }
    boolean[] right = new boolean[every.size()];
    for (int i = 1; i < right.length; i++) {
      right[i] = TheoryColumn.values()[i - 1].rightAligned();
    }
    TextTable points = new TextTable(every, right);
    for (int i = 0; i < selected.size(); i++) {
      List<TheoryPoint> check = reports.get(i).points();
      for (TheoryPoint p : check) {
        List<String> row = new ArrayList<>(List.of(selected.get(i).name()));
        for (TheoryColumn c : TheoryColumn.values()) {
          row.add(c.cell(p, check, OutputFormat.csv));
        }
        points.addRow(row);
      }
    }
    points.print(w, OutputFormat.csv);
    w.print("\r\n");
    fitTable(reports, OutputFormat.csv).print(w, OutputFormat.csv);
  }

  static TextTable pointTable(List<String> labels, List<TheoryPoint> check, OutputFormat format) {
    List<TheoryColumn> columns = labels.stream().map(TheoryColumn::byLabel).toList();
    boolean[] right = new boolean[columns.size()];
    for (int i = 0; i < right.length; i++) {
      right[i] = columns.get(i).rightAligned();
    }
    TextTable t = new TextTable(labels, right);
    for (TheoryPoint p : check) {
      t.addRow(columns.stream().map(c -> c.cell(p, check, format)).toList());
    }
    return t;
  }

  static TextTable fitTable(List<TheoryReport> reports, OutputFormat format) {
    TextTable t =
        new TextTable(
            FIT_HEADER, new boolean[] {false, false, false, false, true, false, true, true, true});
    TheoryColumn.Numbers numbers = new TheoryColumn.Numbers(format);
    for (TheoryReport r : reports) {
      for (TheoryFit f : r.fits()) {
        t.addRow(
            List.of(
                f.check(),
                f.algorithm(),
                f.topology() == null ? "all" : f.topology(),
                f.quantity(),
                numbers.number(f.fittedSlope()),
                f.relation(),
                numbers.number(f.predictedSlope()),
                numbers.number(f.r2()),
                Integer.toString(f.points())));
      }
    }
    return t;
  }
}
