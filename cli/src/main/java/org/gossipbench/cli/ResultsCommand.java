package org.gossipbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench results}: inspect the Arrow results store. */
@Command(
    name = "results",
    mixinStandardHelpOptions = true,
    header =
        "Inspect results files: list runs, print a file, validate a folder, table a vendor"
            + " comparison.",
    description =
        "Results are Arrow IPC files, one per run and rank, under"
            + " ROOT/runs/<commit>[-dirty]/<run-id>.arrow. "
            + ResultsRoot.HELP,
    subcommands = {
      ResultsListCommand.class,
      ResultsShowCommand.class,
      ResultsValidateCommand.class,
      ResultsCompareCommand.class,
      ResultsVendorCommand.class
    })
final class ResultsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand (list, show, validate, compare, vendor)");
  }
}
