package org.gossipbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench topology}: inspect weight matrices and their consensus rates. */
@Command(
    name = "topology",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect topologies: weight matrices, partial averaging, consensus rates.",
      "TOPO is a name with optional parameters after colons, e.g. ring, grid:rows=4:cols=8,"
          + " base:k=2, erdos-renyi:p=0.3:seed=7.",
      "Known names: ${COMPLETION-CANDIDATES}"
    },
    subcommands = {
      TopologyShowCommand.class,
      TopologyConsensusCommand.class,
      TopologyTableCommand.class,
      TopologyListCommand.class
    })
final class TopologyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand (show, consensus, table, list)");
  }
}
