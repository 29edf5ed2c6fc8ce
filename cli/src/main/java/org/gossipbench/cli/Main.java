package org.gossipbench.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.gossipbench.collectives.comm.CommunicatorException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gossipbench} command. Exit codes: 0 success, 2 bad input (one line on stderr, no stack
 * trace), 1 an internal failure.
 */
@Command(
    name = "gossipbench",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Benchmarks decentralized (gossip) against centralized (allreduce) data-parallel training.",
    subcommands = {
      TopologyCommand.class,
      CollectivesCommand.class,
      LaunchCommand.class,
      ModelCommand.class,
      ResultsCommand.class
    })
public final class Main implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the given streams and returns the exit code (for tests). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(outWriter);
    cli.setErr(errWriter);
    cli.setParameterExceptionHandler(
        (ex, argv) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("gossipbench: error: " + firstLine(ex.getMessage()));
          c.getErr()
              .println(
                  "Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof IllegalArgumentException) {
            c.getErr().println("gossipbench: error: " + firstLine(ex.getMessage()));
            return EXIT_USAGE;
          }
          if (ex instanceof CommunicatorException) {
            // The job failed (a peer died or stalled, no launcher, no library): the message says
            // which; a stack trace would only bury it.
            c.getErr().println("gossipbench: error: " + firstLine(ex.getMessage()));
            return EXIT_FAILURE;
          }
          c.getErr().println("gossipbench: internal error: " + ex);
          ex.printStackTrace(c.getErr());
          return EXIT_FAILURE;
        });
    int code = cli.execute(args);
    outWriter.flush();
    errWriter.flush();
    return code;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }
}
