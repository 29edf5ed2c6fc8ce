package org.gossipbench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.gossipbench.collectives.launch.LaunchEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gossipbench launch}: starts N ranks as processes, here or over ssh, each with the
 * GOSSIPBENCH_* environment (rank, world size, rendezvous address, a fresh job token), streams
 * their output prefixed by rank, and exits non-zero as soon as any rank fails, after stopping the
 * others.
 */
@Command(
    name = "launch",
    mixinStandardHelpOptions = true,
    header = "Start -np ranks of a gossipbench subcommand as processes and wait for them.",
    description =
        "The rank's command goes after '--'. Ranks run on this machine, or over ssh on --hosts"
            + " h1:4,h2:4 (rank 0 on the first host, which must be reachable from the others at"
            + " --master-addr). Each rank's output is prefixed by its rank; when one fails, the"
            + " others are stopped.",
    footer = {
      "",
      "Example:",
      "  gossipbench launch -np 4 -- collectives --transport tcp -b 1M -e 64M"
    })
final class LaunchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = {"-np", "--ranks"},
      required = true,
      description = "number of ranks")
  int ranks;

  @CommandLine.Option(
      names = "--hosts",
      description = "host:slots,... to run ranks over ssh (default: all here)")
  String hosts;

  @CommandLine.Option(
      names = "--netns",
      paramLabel = "PREFIX",
      description =
          "place rank r in network namespace PREFIX-r of an emulated cluster made by ci/netcluster.sh"
              + " (root; ranks bind to that host's address)")
  String netns;

  @CommandLine.Option(
      names = "--master-addr",
      description = "rendezvous address (default: 127.0.0.1, or the first host)")
  String masterAddress;

  @CommandLine.Option(
      names = "--master-port",
      description = "rendezvous port (default: a free port)")
  Integer masterPort;

  @CommandLine.Option(
      names = "--remote-command",
      description =
          "command that runs gossipbench on remote hosts (default: this checkout's bin/gossipbench,"
              + " at the same path there)")
  String remoteCommand;

  @CommandLine.Option(
      names = "--ssh",
      defaultValue = "ssh",
      description =
          "how to reach --hosts: the command and its options, split at spaces, e.g. 'ssh -p 2222'"
              + " (default: ${DEFAULT-VALUE}; BatchMode is always on, so a missing key fails"
              + " instead of prompting)")
  String ssh;

  @CommandLine.Parameters(
      paramLabel = "SUBCOMMAND",
      arity = "1..*",
      description = "the gossipbench subcommand and its arguments, after --")
  List<String> command;

  @Override
  public Integer call() throws Exception {
    if (ranks < 1) {
      throw new IllegalArgumentException("-np must be at least 1, got " + ranks);
    }
    List<String> placement = placement();
    String[] netnsHosts = null;
    String[] netnsAddresses = null;
    if (netns != null) {
      Map<String, String> state = readClusterState(netns);
      netnsHosts = state.getOrDefault("NC_HOSTS", "").split(" ");
      netnsAddresses = state.getOrDefault("NC_ADDRS", "").split(" ");
      if (netnsHosts.length < ranks || netnsAddresses.length < ranks) {
        throw new IllegalArgumentException(
            "--netns "
                + netns
                + ": the cluster has "
                + netnsHosts.length
                + " hosts for -np "
                + ranks);
      }
    }
    String address =
        masterAddress != null
            ? masterAddress
            : netnsAddresses != null
                ? netnsAddresses[0]
                : hosts == null ? "127.0.0.1" : placement.get(0);
    int port = masterPort != null ? masterPort : netns != null ? 29500 : freePort();
    byte[] secret = new byte[16];
    new SecureRandom()
        .nextBytes(secret); // the job's shared secret: not a computational choice, so not seeded
    String token = HexFormat.of().formatHex(secret);
    PrintWriter out = spec.commandLine().getOut();
    List<Process> processes = new ArrayList<>();
    List<Thread> pumps = new ArrayList<>();
    try {
      for (int r = 0; r < ranks; r++) {
        Map<String, String> env =
            new LaunchEnvironment(r, ranks, address, port, token, LaunchEnvironment.GOSSIPBENCH)
                .toGossipbenchEnv();
        List<String> cmd = commandFor(placement.get(r), env);
        if (netnsHosts != null) {
          cmd.addAll(0, List.of("ip", "netns", "exec", netnsHosts[r]));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        if (netnsAddresses != null) {
          pb.environment().put("GOSSIPBENCH_BIND_ADDR", netnsAddresses[r]);
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        if (placement.get(r) == null) {
          p.getOutputStream().close();
        } // a remote rank's stdin stays open: its closing is what stops the rank (see above)
        processes.add(p);
        pumps.add(pump(p.getInputStream(), "[" + r + "] ", out));
      }
      int failed = -1;
      int code = 0;
      while (failed < 0) {
        boolean allDone = true;
        for (int r = 0; r < ranks; r++) {
          Process p = processes.get(r);
          if (p.isAlive()) {
            allDone = false;
          } else if (p.exitValue() != 0) {
            failed = r;
            code = p.exitValue();
            break;
          }
        }
        if (allDone) {
          break;
        }
        if (failed < 0) {
          processes.get(0).waitFor(50, TimeUnit.MILLISECONDS);
        }
      }
      if (failed >= 0) {
        for (Process p : processes) {
          p.destroy();
        }
        for (Process p : processes) {
          if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
          }
        }
      }
      for (Thread t : pumps) {
        t.join(5000);
      }
      if (failed >= 0) {
        spec.commandLine()
            .getErr()
            .println(
                "gossipbench: launch: rank "
                    + failed
                    + " exited with code "
                    + code
                    + "; stopped the others");
        return code == Main.EXIT_USAGE ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
      }
      return Main.EXIT_OK;
    } finally {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

  /** The host of each rank: "here" for local runs; hosts filled slot by slot in order. */
  private List<String> placement() {
    List<String> where = new ArrayList<>();
    if (hosts == null) {
      for (int r = 0; r < ranks; r++) {
        where.add(null);
      }
      return where;
    }
    for (String entry : hosts.split(",")) {
      String[] hs = entry.split(":");
      int slots;
      try {
        slots = hs.length > 1 ? Integer.parseInt(hs[1]) : 1;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--hosts: malformed entry '" + entry + "' (expected host:slots)");
      }
      if (hs[0].isEmpty() || slots < 1) {
        throw new IllegalArgumentException(
            "--hosts: malformed entry '" + entry + "' (expected host:slots)");
      }
      for (int s = 0; s < slots && where.size() < ranks; s++) {
        where.add(hs[0]);
      }
    }
    if (where.size() < ranks) {
      throw new IllegalArgumentException("--hosts has " + where.size() + " slots for -np " + ranks);
    }
    return where;
  }

  /**
   * This JVM with its flags and classpath for local ranks; ssh with the variables for remote ones.
   */
  private List<String> commandFor(String host, Map<String, String> env) {
    List<String> cmd = new ArrayList<>();
    if (host == null) {
      cmd.add(
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
          cmd.add(arg);
        }
      }
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Main.class.getName());
      cmd.addAll(command);
    } else {
      cmd.addAll(List.of(ssh.trim().split("\\s+")));
      cmd.addAll(List.of("-o", "BatchMode=yes", host, remoteShellCommand(env)));
    }
    return cmd;
  }

  /**
   * The one string ssh hands to the remote login shell: every word quoted, run from this working
   * directory (the same path there), and tied to the ssh connection: the rank runs in the
   * background while a reader waits on the connection's stdin, and kills the rank when it closes
   * (this launcher stopped it, or died), so no rank outlives its launch.
   */
  private String remoteShellCommand(Map<String, String> env) {
    StringBuilder rank = new StringBuilder("env");
    env.forEach((k, v) -> rank.append(' ').append(k).append('=').append(shellQuote(v)));
    String exe =
        remoteCommand != null
            ? remoteCommand
            : Path.of(System.getProperty("gossipbench.home", "."), "bin", "gossipbench")
                .toAbsolutePath()
                .normalize()
                .toString();
    rank.append(' ').append(shellQuote(exe));
    for (String arg : command) {
      rank.append(' ').append(shellQuote(arg));
    }
    // fd 3 keeps the connection's stdin: a shell without job control gives background lists
    // /dev/null instead.
    return "cd "
        + shellQuote(Path.of("").toAbsolutePath().toString())
        + " || exit 1; exec 3<&0; "
        + rank
        + " </dev/null 3<&- & rank=$!; { cat <&3 >/dev/null; kill $rank; } >/dev/null 2>&1 &"
        + " exec 3<&-; wait $rank";
  }

  /**
   * When {@code argv} ran {@code launch} with the rank's command but no {@code --} before it (so
   * the rank's options reached the launcher), the corrected command line; the launcher's own
   * options are known from {@code launch}'s spec.
   */
  static Optional<String> missingSeparatorHint(CommandSpec launch, String[] argv) {
    if (!(launch.userObject() instanceof LaunchCommand)) {
      return Optional.empty();
    }
    int start = Arrays.asList(argv).indexOf(launch.name()) + 1;
    for (int i = start; i < argv.length; i++) {
      String arg = argv[i];
      if (arg.equals("--")) {
        return Optional.empty();
      }
      if (!arg.startsWith("-")) {
        List<String> fixed = new ArrayList<>(Arrays.asList(argv));
        fixed.add(i, "--");
        return Optional.of(
            "the rank's command goes after '--': gossipbench " + String.join(" ", fixed));
      }
      CommandLine.Model.OptionSpec option = launch.findOption(arg.split("=", 2)[0]);
      if (option != null && !arg.contains("=") && option.arity().max() > 0) {
        i++; // its value
      }
    }
    return Optional.empty();
  }

  static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static Thread pump(InputStream in, String prefix, PrintWriter out) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (out) {
                    out.println(prefix + line);
                    out.flush();
                  }
                }
              } catch (IOException e) {
                // the rank is gone; its exit code tells the rest
              }
            },
            "launch-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The KEY="value" lines ci/netcluster.sh writes for a cluster. */
  private static Map<String, String> readClusterState(String prefix) throws IOException {
    Path file = Path.of("/run", "gossipbench-netcluster-" + prefix + ".env");
    if (!java.nio.file.Files.exists(file)) {
      throw new IllegalArgumentException(
          "--netns "
              + prefix
              + ": no emulated cluster ("
              + file
              + "); run ci/netcluster.sh up N --prefix "
              + prefix);
    }
    Map<String, String> state = new java.util.HashMap<>();
    for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        state.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
      }
    }
    return state;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
