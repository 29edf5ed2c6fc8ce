package org.gossipbench.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
      TrainCommand.class,
      TheoryCommand.class,
      DataCommand.class,
      ResultsCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      DashboardCommand.class,
      ProjectCommand.class,
      ReproduceCommand.class
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
    CommandLine cli = new CommandLine(new Main());
    TopologyCommand.describeKnownNames(cli.getSubcommands().get("topology").getCommandSpec());
    return run(cli, args, out, err);
  }

  /** Runs {@code cli} (this command or {@link GpuMain}) with the exit-code conventions above. */
  static int run(CommandLine cli, String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    usageFirst(cli);
    cli.setOut(outWriter);
    cli.setErr(errWriter);
    cli.setParameterExceptionHandler(
        (ex, argv) -> {
          ex.getCommandLine().getErr().println(usageError(ex, argv));
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

  /**
   * Help starts with "Usage:", as git's and most tools' do; the header, a command's one-sentence
   * summary (what its parent lists), follows the synopsis like a man page's NAME line.
   */
  private static void usageFirst(CommandLine c) {
    List<String> keys = new ArrayList<>(c.getHelpSectionKeys());
    List<String> header =
        List.of(
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER);
    keys.removeAll(header);
    keys.addAll(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS) + 1, header);
    c.setHelpSectionKeys(keys);
    c.getSubcommands().values().forEach(Main::usageFirst);
  }

  /**
   * One line, so that scripts and launchers that keep only the first line of stderr keep all of it:
   * what was wrong, a hint where one is known, and where the help is.
   */
  static String usageError(CommandLine.ParameterException ex, String[] argv) {
    CommandLine c = ex.getCommandLine();
    StringBuilder s = new StringBuilder("gossipbench: error: ").append(firstLine(ex.getMessage()));
    if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
      LaunchCommand.missingSeparatorHint(c.getCommandSpec(), argv)
          .ifPresentOrElse(
              hint -> s.append("; ").append(hint),
              () -> {
                List<String> suggestions = unmatched.getSuggestions();
                if (!suggestions.isEmpty()) {
                  s.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
                }
              });
    }
    return s.append(" (see '")
        .append(c.getCommandSpec().qualifiedName())
        .append(" --help')")
        .toString();
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
