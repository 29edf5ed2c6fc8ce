package org.gossipbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench results}: inspect the Arrow results store. */
@Command(
    name = "results",
    mixinStandardHelpOptions = true,
    description = {
      "Inspect results files (Arrow IPC, one per run and rank): list runs with their provenance,"
          + " print a file, validate a folder.",
      "Runs live in results/runs/<commit>[-dirty]/<run-id>.arrow."
    },
    subcommands = {
      ResultsListCommand.class,
      ResultsShowCommand.class,
      ResultsValidateCommand.class
    })
final class ResultsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand (list, show, validate)");
  }
}
