package org.gossipbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code gossipbench-gpu.jar} (cli's -Pgpu profile): {@code collectives} and
 * {@code launch} only, so that the jar carried to a GPU machine holds the collectives, the sweep,
 * the results writer and the nccl transport, and none of the training stack (DL4J and its natives,
 * about 190 MB, whose JavaCPP 1.5.7 would also shadow the CUDA presets' 1.5.13). Exit codes as
 * {@link Main}'s.
 */
@Command(
    name = "gossipbench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "The collectives sweep and the launcher, for GPU machines (gossipbench-gpu.jar).",
    subcommands = {CollectivesCommand.class, LaunchCommand.class})
public final class GpuMain implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(Main.run(new CommandLine(new GpuMain()), args, System.out, System.err));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }
}
