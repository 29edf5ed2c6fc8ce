package org.gossipbench.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
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
              + " (root; ranks bind to that host's address); in PREFIX-(r/K) for a cluster made"
              + " with --ranks-per-host K")
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

  /** Attempts at a fresh rendezvous port when rank 0 finds the one it was given taken. */
  static final int PORT_ATTEMPTS = 3;

  private static final long PUMP_DRAIN_MILLIS = 30_000;

  /** An emulated cluster's hosts (network namespaces) and their addresses, by rank. */
  record NetnsCluster(String[] hosts, String[] addresses) {}

  /**
   * How one start of the job ended: the first rank that failed (-1: none) with its exit code, and
   * whether rank 0 reported its rendezvous port taken.
   */
  record Outcome(int failedRank, int exitCode, boolean portTaken) {}

  /** One start of the whole job on a given rendezvous port. */
  @FunctionalInterface
  interface Attempt {
    Outcome run(int port) throws IOException, InterruptedException;
  }

  @Override
  public Integer call() throws Exception {
    if (ranks < 1) {
      throw new IllegalArgumentException("-np must be at least 1, got " + ranks);
    }
    List<String> placement = placement();
    NetnsCluster cluster = netns != null ? readCluster(netns, ranks) : null;
    String address =
        masterAddress != null
            ? masterAddress
            : cluster != null
                ? cluster.addresses()[0]
                : hosts == null ? "127.0.0.1" : placement.get(0);
    byte[] secret = new byte[16];
    new SecureRandom()
        .nextBytes(secret); // the job's shared secret: not a computational choice, so not seeded
    String token = HexFormat.of().formatHex(secret);
    Attempt attempt = port -> runOnce(placement, cluster, address, port, token);
    Outcome outcome;
    if (masterPort != null || cluster != null) {
      // A port the user chose is theirs to fix; a namespace has no other tenants to race.
      outcome = attempt.run(masterPort != null ? masterPort : 29500);
    } else {
      outcome =
          withFreshPorts(
              LaunchCommand::freePort, PORT_ATTEMPTS, attempt, spec.commandLine().getErr());
    }
    if (outcome.failedRank() < 0) {
      return Main.EXIT_OK;
    }
    spec.commandLine()
        .getErr()
        .println(
            "gossipbench: launch: rank "
                + outcome.failedRank()
                + " exited with code "
                + outcome.exitCode()
                + "; stopped the others");
    return outcome.exitCode() == Main.EXIT_USAGE ? Main.EXIT_USAGE : Main.EXIT_FAILURE;
  }

  /**
   * A free port can only be found by binding and closing it, and rank 0, another process, binds it
   * later: anything may take it in between. The launcher cannot hand rank 0 the bound socket, so it
   * starts the job again on another free port when rank 0 says its port was taken, up to {@code
   * attempts} times.
   */
  static Outcome withFreshPorts(IntSupplier ports, int attempts, Attempt attempt, PrintWriter err)
      throws IOException, InterruptedException {
    for (int i = 1; ; i++) {
      int port = ports.getAsInt();
      Outcome outcome = attempt.run(port);
      if (!outcome.portTaken() || i == attempts) {
        return outcome;
      }
      err.println(
          "gossipbench: launch: rendezvous port "
              + port
              + " was taken before rank 0 could bind it; starting again on another (attempt "
              + (i + 1)
              + " of "
              + attempts
              + ")");
      err.flush();
    }
  }

  /** Whether a line of rank 0's output is the tcp transport's report of a taken rendezvous port. */
  static boolean reportsPortTaken(String line) {
    return line.contains("cannot join the job") && line.contains("Address already in use");
  }

  /** Starts every rank, waits for all to succeed or one to fail, and stops the rest. */
  private Outcome runOnce(
      List<String> placement, NetnsCluster cluster, String address, int port, String token)
      throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    List<Process> processes = new ArrayList<>();
    List<Thread> pumps = new ArrayList<>();
    AtomicBoolean portTaken = new AtomicBoolean();
    try {
      for (int r = 0; r < ranks; r++) {
        Process p = startRank(r, placement.get(r), cluster, address, port, token);
        processes.add(p);
        pumps.add(pump(p.getInputStream(), "[" + r + "] ", out, r == 0 ? portTaken : null));
      }
      int failed = awaitFirstFailure(processes);
      if (failed >= 0) {
        stop(processes);
      }
      // Every rank is gone, so each pump ends once it has drained its pipe; on a loaded machine
      // that can take seconds, and the last lines say why a rank failed (and whether its port
      // was taken).
      for (Thread t : pumps) {
        t.join(PUMP_DRAIN_MILLIS);
      }
      return failed < 0
          ? new Outcome(-1, 0, false)
          : new Outcome(failed, processes.get(failed).exitValue(), portTaken.get());
    } finally {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

  private Process startRank(
      int r, String host, NetnsCluster cluster, String address, int port, String token)
      throws IOException {
    Map<String, String> env =
        new LaunchEnvironment(r, ranks, address, port, token, LaunchEnvironment.GOSSIPBENCH)
            .toGossipbenchEnv();
    List<String> cmd = commandFor(host, env);
    if (cluster != null) {
      cmd.addAll(0, List.of("ip", "netns", "exec", cluster.hosts()[r]));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    if (cluster != null) {
      pb.environment().put("GOSSIPBENCH_BIND_ADDR", cluster.addresses()[r]);
    }
    pb.redirectErrorStream(true);
    Process p = pb.start();
    if (host == null) {
      p.getOutputStream().close();
    } // a remote rank's stdin stays open: its closing is what stops the rank (see
    // remoteShellCommand)
    return p;
  }

  /** The first rank to exit non-zero, or -1 once all have exited with 0. */
  private static int awaitFirstFailure(List<Process> processes) throws InterruptedException {
    while (true) {
      boolean allDone = true;
      for (int r = 0; r < processes.size(); r++) {
        Process p = processes.get(r);
        if (p.isAlive()) {
          allDone = false;
        } else if (p.exitValue() != 0) {
          return r;
        }
      }
      if (allDone) {
        return -1;
      }
      processes.get(0).waitFor(50, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops every rank and what it started, which could otherwise hold its output pipe open. */
  private static void stop(List<Process> processes) throws InterruptedException {
    // Taken first: once a rank is gone its children belong to init and are no longer listed.
    List<ProcessHandle> descendants = processes.stream().flatMap(Process::descendants).toList();
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
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
      String classPath = System.getProperty("java.class.path");
      if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
        // -jar, so the jar manifest's Add-Opens (Arrow needs it) applies to the ranks as to us
        cmd.add("-jar");
        cmd.add(classPath);
      } else {
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(Main.class.getName());
      }
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

  /**
   * Copies a rank's output line by line; {@code portTaken} (if not null) learns of a taken port.
   */
  private static Thread pump(
      InputStream in, String prefix, PrintWriter out, AtomicBoolean portTaken) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (portTaken != null && reportsPortTaken(line)) {
                    portTaken.set(true);
                  }
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

  /** The hosts and addresses of the cluster ci/netcluster.sh made, for {@code ranks} ranks. */
  private static NetnsCluster readCluster(String prefix, int ranks) throws IOException {
    Map<String, String> state = readClusterState(prefix);
    return placeRanks(
        prefix,
        state.getOrDefault("NC_HOSTS", "").split(" "),
        state.getOrDefault("NC_ADDRS", "").split(" "),
        Integer.parseInt(state.getOrDefault("NC_RANKS_PER_HOST", "1")),
        ranks);
  }

  /**
   * Rank r's namespace and address: host r / perHost, so consecutive ranks share a host and talk
   * over its loopback (ci/netcluster.sh up --ranks-per-host).
   */
  static NetnsCluster placeRanks(
      String prefix, String[] hosts, String[] addresses, int perHost, int ranks) {
    int slots = Math.min(hosts.length, addresses.length) * perHost;
    if (perHost < 1 || slots < ranks) {
      throw new IllegalArgumentException(
          "--netns "
              + prefix
              + ": the cluster has "
              + hosts.length
              + " hosts of "
              + perHost
              + " ranks for -np "
              + ranks);
    }
    String[] rankHosts = new String[ranks];
    String[] rankAddresses = new String[ranks];
    for (int r = 0; r < ranks; r++) {
      rankHosts[r] = hosts[r / perHost];
      rankAddresses[r] = addresses[r / perHost];
    }
    return new NetnsCluster(rankHosts, rankAddresses);
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

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the rendezvous: " + e.getMessage(), e);
    }
  }
}
