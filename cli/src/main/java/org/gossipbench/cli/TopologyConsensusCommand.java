package org.gossipbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.gossipbench.collectives.topology.ConsensusSimulation;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.results.ConsensusPoint;
import org.gossipbench.results.ConsensusPointSchema;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.ResultsLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench topology consensus}: partial averaging x ← W^(k) x (SPEC &sect;7, T1). */
@Command(
    name = "consensus",
    mixinStandardHelpOptions = true,
    header = "Run partial averaging x <- W^(k) x and print every node's value.",
    description =
        "Starts from --init (default 0, 1, ..., n-1) and prints one row per listed iteration"
            + " (SPEC 7, table T1).")
final class TopologyConsensusCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(index = "0", paramLabel = "TOPO", description = "topology spec")
  String topology;

  @CommandLine.Option(names = "-n", required = true, description = "number of nodes")
  int n;

  @CommandLine.Option(
      names = "--iterations",
      split = ",",
      defaultValue = "0,1,5,10,20,50",
      description = "increasing iterations to print (default: ${DEFAULT-VALUE})")
  long[] iterations;

  @CommandLine.Option(
      names = "--init",
      split = ",",
      description = "initial values v0,v1,... (default: 0,1,...,n-1)")
  double[] init;

  @CommandLine.Mixin SeedOption seedOption;

  @CommandLine.Mixin FormatOption output;

  @CommandLine.Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "also log every node's value at the listed iterations to this Arrow file (record kind"
              + " consensus, with provenance), for gossipbench report's T1; never overwritten")
  Path out;

  @Override
  public Integer call() {
    Topology t = TopologyRegistry.create(topology, n, seedOption.seed);
    double[] x0 = init != null ? init : new double[n];
    if (init == null) {
      Arrays.setAll(x0, i -> i);
    }
    for (double v : x0) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("--init values must be finite numbers");
      }
    }
    if (out != null && Files.exists(out)) {
      throw new IllegalArgumentException(
          out + " exists; results files are never overwritten (choose another --out)");
    }
    // captured before the simulation, so start time and load average are the run's
    Provenance provenance =
        out == null
            ? null
            : Provenance.capture(
                ConsensusPointSchema.INSTANCE,
                ResultsLayout.newRunId(ConsensusPointSchema.INSTANCE.kind(), Instant.now()),
                configJson(x0),
                seedOption.seed,
                "gossipbench "
                    + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    long start = System.nanoTime();
    double[][] values = ConsensusSimulation.run(t, x0, iterations);
    long nanos = System.nanoTime() - start;
    if (out != null) {
      log(t.name(), values, nanos, provenance);
    }
    List<String> header = new ArrayList<>(n + 1);
    header.add("iteration");
    for (int i = 0; i < n; i++) {
      header.add("node_" + i);
    }
    boolean[] right = new boolean[n + 1];
    Arrays.fill(right, true);
    TextTable table = new TextTable(header, right);
    for (int r = 0; r < iterations.length; r++) {
      List<String> row = new ArrayList<>(n + 1);
      row.add(Long.toString(iterations[r]));
      for (double v : values[r]) {
        row.add(Formats.number(v, 6, output.format));
      }
      table.addRow(row);
    }
    if (output.format != OutputFormat.csv) {
      spec.commandLine().getOut().println("# partial averaging over " + t.name() + ", n=" + n);
    }
    table.print(spec.commandLine().getOut(), output.format);
    t.caveat().ifPresent(c -> spec.commandLine().getErr().println("note: " + c));
    if (out != null) {
      spec.commandLine().getErr().println("logged: " + out);
    }
    return Main.EXIT_OK;
  }

  private String configJson(double[] x0) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("topology", topology);
    config.put("n", n);
    config.put("iterations", Arrays.stream(iterations).boxed().toList());
    config.put("init", Arrays.stream(x0).boxed().toList());
    config.put("seed", seedOption.seed);
    try {
      return new ObjectMapper().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void log(String name, double[][] values, long nanos, Provenance provenance) {
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<ConsensusPoint> w =
            ResultWriter.create(out, ConsensusPointSchema.INSTANCE, provenance, allocator)) {
      for (int r = 0; r < iterations.length; r++) {
        for (int i = 0; i < n; i++) {
          w.append(new ConsensusPoint(name, n, iterations[r], i, values[r][i], nanos));
        }
      }
      w.commit();
    }
  }
}
