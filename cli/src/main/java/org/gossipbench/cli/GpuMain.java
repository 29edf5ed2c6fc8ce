package org.gossipbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code gossipbench-gpu.jar} (cli's -Pgpu profile): {@code collectives}, {@code
 * launch} and {@code train} (for {@code --device cuda}), so that the jar carried to a GPU machine
 * holds the collectives, the sweep, the results writer, the nccl transport, the trainer with the
 * MNIST reader and the device MLP, and not DL4J (its natives are about 190 MB, and its JavaCPP
 * 1.5.7 would shadow the CUDA presets' 1.5.13): a host workload there fails on one line for want of
 * it. Exit codes as {@link Main}'s.
 */
@Command(
    name = "gossipbench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "The collectives sweep, the launcher and training with --device cuda, for GPU machines"
            + " (gossipbench-gpu.jar).",
    subcommands = {CollectivesCommand.class, LaunchCommand.class, TrainCommand.class})
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
