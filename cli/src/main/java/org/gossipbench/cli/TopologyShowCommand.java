package org.gossipbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.WeightMatrix;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench topology show}: the weight matrix W^(k), rows as receivers. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    header = "Print the weight matrix W^(k) of TOPO for n nodes.",
    description =
        "Row i lists what node i receives (x_i <- sum_j w_ij x_j); column from_j is the weight of"
            + " node j's value. --sparse lists the non-zero entries instead, for large n.")
final class TopologyShowCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(
      index = "0",
      paramLabel = "TOPO",
      description = "topology spec, e.g. ring or base:k=2")
  String topology;

  @CommandLine.Option(names = "-n", required = true, description = "number of nodes")
  int n;

  @CommandLine.Option(
      names = "--iteration",
      defaultValue = "0",
      description = "iteration k (default: ${DEFAULT-VALUE})")
  long iteration;

  @CommandLine.Mixin SeedOption seedOption;

  @CommandLine.Option(
      names = "--sparse",
      description = "list non-zero entries (node, from, weight) instead of the dense matrix")
  boolean sparse;

  @CommandLine.Mixin FormatOption output;

  @Override
  public Integer call() {
    if (iteration < 0) {
      throw new IllegalArgumentException("--iteration must be non-negative, got " + iteration);
    }
    Topology t = TopologyRegistry.create(topology, n, seedOption.seed);
    WeightMatrix w = t.weights(iteration);
    PrintWriter out = spec.commandLine().getOut();
    if (output.format != OutputFormat.csv) {
      out.println(
          "# "
              + t.name()
              + " n="
              + n
              + " iteration "
              + iteration
              + ": row i = what node i receives, x_i <- sum_j w_ij x_j");
    }
    TextTable table = sparse ? sparseTable(w, output.format) : denseTable(w, output.format);
    table.print(out, output.format);
    t.caveat().ifPresent(c -> spec.commandLine().getErr().println("note: " + c));
    return Main.EXIT_OK;
  }

  private static TextTable sparseTable(WeightMatrix w, OutputFormat format) {
    TextTable table =
        new TextTable(List.of("node", "from", "weight"), new boolean[] {true, true, true});
    for (int i = 0; i < w.size(); i++) {
      for (int p = w.rowStart(i); p < w.rowEnd(i); p++) {
        table.addRow(
            List.of(
                Integer.toString(i),
                Integer.toString(w.column(p)),
                Formats.number(w.weight(p), 9, format)));
      }
    }
    return table;
  }

  private static TextTable denseTable(WeightMatrix w, OutputFormat format) {
    int n = w.size();
    List<String> header = new ArrayList<>(n + 1);
    header.add("node");
    for (int j = 0; j < n; j++) {
      header.add("from_" + j);
    }
    boolean[] right = new boolean[n + 1];
    java.util.Arrays.fill(right, true);
    TextTable table = new TextTable(header, right);
    for (int i = 0; i < n; i++) {
      List<String> row = new ArrayList<>(n + 1);
      row.add(Integer.toString(i));
      for (int j = 0; j < n; j++) {
        double v = w.get(i, j);
        row.add(v == 0.0 ? "0" : Formats.number(v, 6, format));
      }
      table.addRow(row);
    }
    return table;
  }
}
