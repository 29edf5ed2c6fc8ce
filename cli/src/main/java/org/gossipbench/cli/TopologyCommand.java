package org.gossipbench.cli;

import org.gossipbench.collectives.topology.TopologyRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench topology}: inspect weight matrices and their consensus rates. */
@Command(
    name = "topology",
    mixinStandardHelpOptions = true,
    header = "Inspect topologies: weight matrices, partial averaging, consensus rates.",
    description = TopologyCommand.SPEC_SYNTAX,
    subcommands = {
      TopologyShowCommand.class,
      TopologyConsensusCommand.class,
      TopologyTableCommand.class,
      TopologyListCommand.class
    })
final class TopologyCommand implements Runnable {
  static final String SPEC_SYNTAX =
      "TOPO is a name with optional parameters after colons, e.g. ring, base:k=2,"
          + " erdos-renyi:p=0.3:seed=7 or grid:rows=4:cols=8; 'gossipbench topology list'"
          + " describes each.";

  /**
   * Annotations are constants and picocli's {@code ${COMPLETION-CANDIDATES}} means nothing at
   * command level, so the registry's names join the description once the model exists.
   */
  static void describeKnownNames(CommandLine.Model.CommandSpec topology) {
    topology
        .usageMessage()
        .description(
            SPEC_SYNTAX + " Known names: " + String.join(", ", TopologyRegistry.names()) + ".");
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand (show, consensus, table, list)");
  }
}
