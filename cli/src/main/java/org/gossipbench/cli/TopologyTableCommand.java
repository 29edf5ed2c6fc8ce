package org.gossipbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.collectives.topology.Mixing;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyAnalysis;
import org.gossipbench.collectives.topology.TopologyException;
import org.gossipbench.collectives.topology.TopologyProperties;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.TopologySpec;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.ResultsLayout;
import org.gossipbench.results.TopologyRow;
import org.gossipbench.results.TopologyRowSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gossipbench topology table}: exact mixing properties per (topology, n), SPEC &sect;7 T2.
 */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    header = "Print exact mixing properties, one row per (topology, n).",
    description =
        "Columns: max in-degree, time-varying, period, rho = ||W - 11^T/n||_2 (largest over one"
            + " period), spectral gap = 1 - |lambda_2| of the matrix over one period, rounds to the"
            + " exact average ('-' if not within two periods) and rho of the period product."
            + " Combinations a topology does not exist for (e.g. one-peer-hypercube, n=6) are"
            + " skipped with a note. CSV carries every number in full precision.")
final class TopologyTableCommand implements Callable<Integer> {
  static final List<String> HEADER =
      List.of(
          "topology",
          "n",
          "max_degree",
          "rho",
          "spectral_gap",
          "time_varying",
          "period",
          "rounds_exact",
          "rho_period",
          "note");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "-n",
      required = true,
      split = ",",
      description = "node counts, e.g. 4,8,16,32,64")
  int[] sizes;

  @CommandLine.Option(
      names = "--topologies",
      defaultValue = "all",
      description = "comma-separated specs, or all (default: ${DEFAULT-VALUE})")
  String topologies;

  @CommandLine.Mixin SeedOption seedOption;

  @CommandLine.Mixin FormatOption output;

  @CommandLine.Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "also log the rows to this Arrow file (record kind topology, with provenance), for"
              + " gossipbench report's T2; never overwritten")
  Path out;

  private record Cell(TopologyProperties properties, String mixing, long nanos, String skipped) {}

  @Override
  public Integer call() {
    List<TopologySpec> specs = new ArrayList<>();
    if (topologies.equals("all")) {
      TopologyRegistry.names().forEach(name -> specs.add(TopologySpec.parse(name)));
    } else {
      for (TopologySpec s : TopologySpec.parseList(topologies)) {
        TopologyRegistry.check(s);
        specs.add(s);
      }
    }
    for (int n : sizes) {
      if (n < 1) {
        throw new IllegalArgumentException("-n values must be at least 1, got " + n);
      }
    }
    List<TopologySpec> rowSpecs = new ArrayList<>();
    List<Integer> rowSizes = new ArrayList<>();
    for (TopologySpec s : specs) {
      for (int n : sizes) {
        rowSpecs.add(s);
        rowSizes.add(n);
      }
    }
    // Rows are independent and EJML is single-threaded: compute them in parallel, print in order.
    if (out != null && Files.exists(out)) {
      throw new IllegalArgumentException(
          out + " exists; results files are never overwritten (choose another --out)");
    }
    String commandLine =
        "gossipbench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    // captured before the analysis, so start time and load average are the run's
    Provenance provenance =
        out == null
            ? null
            : Provenance.capture(
                TopologyRowSchema.INSTANCE,
                ResultsLayout.newRunId(TopologyRowSchema.INSTANCE.kind(), Instant.now()),
                configJson(),
                seedOption.seed,
                commandLine);
    List<Cell> cells =
        java.util.stream.IntStream.range(0, rowSpecs.size())
            .parallel()
            .mapToObj(r -> analyze(rowSpecs.get(r), rowSizes.get(r)))
            .toList();

    TextTable table =
        new TextTable(
            HEADER, new boolean[] {false, true, true, true, true, false, true, true, true, false});
    List<String> notes = new ArrayList<>();
    for (int r = 0; r < cells.size(); r++) {
      Cell cell = cells.get(r);
      if (cell.skipped() != null) {
        notes.add(rowSpecs.get(r) + " n=" + rowSizes.get(r) + ": skipped: " + cell.skipped());
        continue;
      }
      TopologyProperties p = cell.properties();
      table.addRow(
          List.of(
              p.topology(),
              Integer.toString(p.n()),
              Integer.toString(p.maxInDegree()),
              Formats.number(p.rho(), 6, output.format),
              Formats.number(p.spectralGap(), 6, output.format),
              p.timeVarying() ? "yes" : "no",
              p.period().isPresent() ? Integer.toString(p.period().getAsInt()) : "-",
              p.roundsToExactAverage().isPresent()
                  ? Integer.toString(p.roundsToExactAverage().getAsInt())
                  : "-",
              Formats.number(p.rhoOfProduct(), 6, output.format),
              p.caveat().orElse("")));
    }
    if (out != null) {
      log(cells, provenance);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    table.print(stdout, output.format);
    PrintWriter noteStream =
        output.format == OutputFormat.csv ? spec.commandLine().getErr() : stdout;
    for (String note : notes) {
      noteStream.println("note: " + note);
    }
    if (out != null) {
      noteStream.println("logged: " + out);
    }
    noteStream.flush();
    return Main.EXIT_OK;
  }

  private String configJson() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("topologies", topologies);
    config.put("n", Arrays.stream(sizes).boxed().toList());
    config.put("seed", seedOption.seed);
    try {
      return new ObjectMapper().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void log(List<Cell> cells, Provenance provenance) {
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<TopologyRow> w =
            ResultWriter.create(out, TopologyRowSchema.INSTANCE, provenance, allocator)) {
      for (Cell c : cells) {
        if (c.skipped() != null) {
          continue;
        }
        TopologyProperties p = c.properties();
        w.append(
            new TopologyRow(
                p.topology(),
                p.n(),
                c.mixing(),
                p.maxInDegree(),
                p.rho(),
                p.spectralGap(),
                p.timeVarying(),
                p.period().isPresent() ? p.period().getAsInt() : null,
                p.roundsToExactAverage().isPresent() ? p.roundsToExactAverage().getAsInt() : null,
                p.rhoOfProduct(),
                p.caveat().orElse(null),
                c.nanos()));
      }
      w.commit();
    }
  }

  private Cell analyze(TopologySpec s, int n) {
    Topology t;
    try {
      t = TopologyRegistry.create(s, n, seedOption.seed);
    } catch (TopologyException e) {
      return new Cell(null, null, 0, e.getMessage());
    }
    long start = System.nanoTime();
    TopologyProperties p = TopologyAnalysis.analyze(t);
    String mixing = t.mixing() == Mixing.COLUMN_STOCHASTIC ? "column" : "doubly";
    return new Cell(p, mixing, System.nanoTime() - start, null);
  }
}
