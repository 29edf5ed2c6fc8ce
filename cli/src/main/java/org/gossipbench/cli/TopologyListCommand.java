package org.gossipbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.gossipbench.collectives.topology.TopologyRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench topology list}: the registered names, their parameters and definitions. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "List the known topologies and their parameters.")
final class TopologyListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin FormatOption output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TextTable table =
        new TextTable(
            List.of("name", "parameters", "definition"), new boolean[] {false, false, false});
    for (TopologyRegistry.Entry e : TopologyRegistry.entries().values()) {
      table.addRow(
          List.of(
              e.name(),
              e.parameters().isEmpty() ? "-" : String.join(":", e.parameters()),
              e.description()));
    }
    table.print(out, output.format);
    return Main.EXIT_OK;
  }
}
