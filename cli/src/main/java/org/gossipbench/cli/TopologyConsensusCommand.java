package org.gossipbench.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.gossipbench.collectives.topology.ConsensusSimulation;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
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
    double[][] values = ConsensusSimulation.run(t, x0, iterations);
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
    return Main.EXIT_OK;
  }
}
