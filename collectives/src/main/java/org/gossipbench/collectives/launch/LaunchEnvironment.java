package org.gossipbench.collectives.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rank this process is, how many ranks the job has, and where the rendezvous (rank 0's
 * key-value store) listens, as read from the environment of whichever launcher started the process.
 *
 * <p>{@link #detect} recognises these launchers, and takes the first one present in this order (a
 * launcher is present when its rank variable is set):
 *
 * <ol>
 *   <li>{@code gossipbench launch} ({@value #GOSSIPBENCH}): {@code GOSSIPBENCH_RANK}, {@code
 *       GOSSIPBENCH_WORLD_SIZE}, {@code GOSSIPBENCH_MASTER_ADDR}, {@code GOSSIPBENCH_MASTER_PORT}.
 *   <li>torchrun, or anything exporting its variables ({@value #TORCHRUN}): {@code RANK}, {@code
 *       WORLD_SIZE}, {@code MASTER_ADDR}, {@code MASTER_PORT}.
 *   <li>Slurm {@code srun} ({@value #SLURM}): {@code SLURM_PROCID}, {@code SLURM_NTASKS} (or {@code
 *       SLURM_NPROCS}); the address is {@code GOSSIPBENCH_MASTER_ADDR} if set, else the first host
 *       of {@code SLURM_STEP_NODELIST} (or {@code SLURM_JOB_NODELIST}, {@code SLURM_NODELIST}); the
 *       port is {@code GOSSIPBENCH_MASTER_PORT} if set, else {@code 20000 + SLURM_JOB_ID % 10000},
 *       which every rank of a job agrees on without talking to the others.
 *   <li>Open MPI {@code mpirun} ({@value #OPENMPI}): {@code OMPI_COMM_WORLD_RANK}, {@code
 *       OMPI_COMM_WORLD_SIZE}; the address and port are {@code GOSSIPBENCH_MASTER_ADDR}/{@code
 *       _PORT}, else {@code MASTER_ADDR}/{@code MASTER_PORT}, else the defaults below. Open MPI
 *       tells a process nothing about where rank 0 runs, so a job spanning hosts must export one of
 *       these before {@code mpirun}; the default only works when every rank is on one host.
 * </ol>
 *
 * <p>A missing address defaults to {@value #DEFAULT_ADDRESS} and a missing port to {@value
 * #DEFAULT_PORT} (torch's default). The token is {@code GOSSIPBENCH_TOKEN} for every launcher: the
 * job's shared secret, which {@code gossipbench launch} generates and which a user of srun, mpirun
 * or torchrun exports before launching so that every rank inherits it. It is null when unset; the
 * caller decides what that means. A variable that is set to an empty or blank value counts as
 * unset.
 *
 * @param rank this process's rank, in {@code [0, worldSize)}
 * @param worldSize the number of ranks in the job, at least 1
 * @param masterAddress host name or address where rank 0's key-value store listens
 * @param masterPort port of rank 0's key-value store, in 1..65535
 * @param token the job's shared secret, or null when none was given; never shown by {@link
 *     #toString}
 * @param launcher which launcher's variables this came from, e.g. {@value #SLURM}
 */
public record LaunchEnvironment(
    int rank, int worldSize, String masterAddress, int masterPort, String token, String launcher) {

  public static final String GOSSIPBENCH = "gossipbench";
  public static final String TORCHRUN = "torchrun";
  public static final String SLURM = "slurm";
  public static final String OPENMPI = "openmpi";

  public static final String DEFAULT_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 29500;

  static final String GB_RANK = "GOSSIPBENCH_RANK";
  static final String GB_WORLD_SIZE = "GOSSIPBENCH_WORLD_SIZE";
  static final String GB_MASTER_ADDR = "GOSSIPBENCH_MASTER_ADDR";
  static final String GB_MASTER_PORT = "GOSSIPBENCH_MASTER_PORT";
  static final String GB_TOKEN = "GOSSIPBENCH_TOKEN";

  // Below Linux's default ephemeral range (32768-60999), so the derived port is unlikely to be
  // held by some outgoing connection on rank 0's host.
  private static final int SLURM_PORT_BASE = 20000;
  private static final int SLURM_PORT_SPAN = 10000;

  public LaunchEnvironment {
    if (worldSize < 1) {
      throw new IllegalArgumentException("worldSize must be at least 1, got " + worldSize);
    }
    if (rank < 0 || rank >= worldSize) {
      throw new IllegalArgumentException("rank must be in [0, " + worldSize + "), got " + rank);
    }
    if (masterAddress == null || masterAddress.isBlank()) {
      throw new IllegalArgumentException("masterAddress must not be empty");
    }
    if (masterPort < 1 || masterPort > 65535) {
      throw new IllegalArgumentException("masterPort must be in 1..65535, got " + masterPort);
    }
    // A blank token would be written by toGossipbenchEnv and read back as absent.
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("token must be null or non-blank");
    }
    Objects.requireNonNull(launcher, "launcher");
  }

  /**
   * Reads the variables of the first launcher found, in this order: gossipbench launch, torchrun,
   * Slurm srun, Open MPI mpirun.
   *
   * @return empty when no launcher's rank variable is set, i.e. the process was started by hand
   * @throws IllegalArgumentException with a one-line message naming the variable, when the found
   *     launcher's variables are missing, not integers, or out of range
   */
  public static Optional<LaunchEnvironment> detect(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    if (get(env, GB_RANK) != null) {
      return Optional.of(fromGossipbench(env));
    }
    if (get(env, "RANK") != null) {
      return Optional.of(fromTorchrun(env));
    }
    if (get(env, "SLURM_PROCID") != null) {
      return Optional.of(fromSlurm(env));
    }
    if (get(env, "OMPI_COMM_WORLD_RANK") != null) {
      return Optional.of(fromOpenMpi(env));
    }
    return Optional.empty();
  }

  /** {@link #detect} on this process's environment. */
  public static Optional<LaunchEnvironment> detect() {
    return detect(System.getenv());
  }

  /**
   * The {@code GOSSIPBENCH_*} variables that describe this environment, as {@code gossipbench
   * launch} sets them for each child process. {@code GOSSIPBENCH_TOKEN} is left out when there is
   * no token. {@link #detect} on the result gives back this environment with launcher {@value
   * #GOSSIPBENCH}.
   */
  public Map<String, String> toGossipbenchEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(GB_RANK, Integer.toString(rank));
    env.put(GB_WORLD_SIZE, Integer.toString(worldSize));
    env.put(GB_MASTER_ADDR, masterAddress);
    env.put(GB_MASTER_PORT, Integer.toString(masterPort));
    if (token != null) {
      env.put(GB_TOKEN, token);
    }
    return Map.copyOf(env);
  }

  /** Like the generated one, but the token is redacted: these records end up in logs. */
  @Override
  public String toString() {
    return "LaunchEnvironment[rank="
        + rank
        + ", worldSize="
        + worldSize
        + ", masterAddress="
        + masterAddress
        + ", masterPort="
        + masterPort
        + ", token="
        + (token == null ? "null" : "<redacted>")
        + ", launcher="
        + launcher
        + "]";
  }

  /**
   * The rendezvous port for a Slurm job when {@code GOSSIPBENCH_MASTER_PORT} is not set: {@code
   * 20000 + jobId % 10000}. Every rank of a job sees the same {@code SLURM_JOB_ID}, so they agree
   * without talking to each other, and two jobs sharing a node collide only when their IDs differ
   * by a multiple of 10000; set {@code GOSSIPBENCH_MASTER_PORT} to avoid even that.
   */
  static int slurmPort(long jobId) {
    return SLURM_PORT_BASE + (int) Math.floorMod(jobId, (long) SLURM_PORT_SPAN);
  }

  /**
   * The first host of a Slurm host list such as {@code gpu-a[009-012],gpu-b[1-2]} (giving {@code
   * gpu-a009}, zero padding kept).
   *
   * @throws IllegalArgumentException when the list is empty or malformed
   */
  static String firstSlurmHost(String nodelist) {
    return firstSlurmHost("host list", nodelist);
  }

  private static LaunchEnvironment fromGossipbench(Map<String, String> env) {
    int worldSize = worldSize(env, GB_RANK, GB_WORLD_SIZE);
    int rank = rank(env, GB_RANK, worldSize, GB_WORLD_SIZE);
    String address = orDefault(get(env, GB_MASTER_ADDR), DEFAULT_ADDRESS);
    int port = port(env, GB_MASTER_PORT, DEFAULT_PORT);
    return new LaunchEnvironment(rank, worldSize, address, port, token(env), GOSSIPBENCH);
  }

  private static LaunchEnvironment fromTorchrun(Map<String, String> env) {
    int worldSize = worldSize(env, "RANK", "WORLD_SIZE");
    int rank = rank(env, "RANK", worldSize, "WORLD_SIZE");
    String address = orDefault(get(env, "MASTER_ADDR"), DEFAULT_ADDRESS);
    int port = port(env, "MASTER_PORT", DEFAULT_PORT);
    return new LaunchEnvironment(rank, worldSize, address, port, token(env), TORCHRUN);
  }

  private static LaunchEnvironment fromSlurm(Map<String, String> env) {
    String sizeVar = get(env, "SLURM_NTASKS") != null ? "SLURM_NTASKS" : "SLURM_NPROCS";
    if (get(env, sizeVar) == null) {
      throw new IllegalArgumentException(
          "SLURM_PROCID is set but neither SLURM_NTASKS nor SLURM_NPROCS is");
    }
    int worldSize = worldSize(env, "SLURM_PROCID", sizeVar);
    int rank = rank(env, "SLURM_PROCID", worldSize, sizeVar);

    String address = get(env, GB_MASTER_ADDR);
    if (address == null) {
      // The step's list comes first: a step may run on a subset of the job's nodes, and rank 0
      // runs on the first node of the step, which need not be the first node of the job.
      String listVar = firstSet(env, "SLURM_STEP_NODELIST", "SLURM_JOB_NODELIST", "SLURM_NODELIST");
      if (listVar == null) {
        String blank =
            firstPresent(env, "SLURM_STEP_NODELIST", "SLURM_JOB_NODELIST", "SLURM_NODELIST");
        if (blank != null) {
          throw new IllegalArgumentException(blank + " is empty");
        }
        throw new IllegalArgumentException(
            "SLURM_PROCID is set but none of SLURM_STEP_NODELIST, SLURM_JOB_NODELIST,"
                + " SLURM_NODELIST is; set GOSSIPBENCH_MASTER_ADDR");
      }
      address = firstSlurmHost(listVar, env.get(listVar));
    }

    int port;
    if (get(env, GB_MASTER_PORT) != null) {
      port = port(env, GB_MASTER_PORT, DEFAULT_PORT);
    } else if (get(env, "SLURM_JOB_ID") != null) {
      port = slurmPort(parseLong(env, "SLURM_JOB_ID"));
    } else {
      throw new IllegalArgumentException(
          "SLURM_PROCID is set but SLURM_JOB_ID is not; set GOSSIPBENCH_MASTER_PORT");
    }
    return new LaunchEnvironment(rank, worldSize, address, port, token(env), SLURM);
  }

  private static LaunchEnvironment fromOpenMpi(Map<String, String> env) {
    int worldSize = worldSize(env, "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE");
    int rank = rank(env, "OMPI_COMM_WORLD_RANK", worldSize, "OMPI_COMM_WORLD_SIZE");
    String addrVar = firstSet(env, GB_MASTER_ADDR, "MASTER_ADDR");
    String address = addrVar == null ? DEFAULT_ADDRESS : get(env, addrVar);
    String portVar = firstSet(env, GB_MASTER_PORT, "MASTER_PORT");
    int port = portVar == null ? DEFAULT_PORT : port(env, portVar, DEFAULT_PORT);
    return new LaunchEnvironment(rank, worldSize, address, port, token(env), OPENMPI);
  }

  /** The trimmed value, or null when unset or blank. */
  private static String get(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    return v.trim();
  }

  private static String firstSet(Map<String, String> env, String... names) {
    for (String name : names) {
      if (get(env, name) != null) {
        return name;
      }
    }
    return null;
  }

  /** The first of names that is in env at all, even with a blank value. */
  private static String firstPresent(Map<String, String> env, String... names) {
    for (String name : names) {
      if (env.containsKey(name)) {
        return name;
      }
    }
    return null;
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }

  // Not trimmed, unlike the other variables: whitespace may be part of a secret.
  private static String token(Map<String, String> env) {
    String v = env.get(GB_TOKEN);
    return v == null || v.isBlank() ? null : v;
  }

  private static int worldSize(Map<String, String> env, String rankVar, String sizeVar) {
    if (get(env, sizeVar) == null) {
      throw new IllegalArgumentException(rankVar + " is set but " + sizeVar + " is not");
    }
    int size = parseInt(env, sizeVar);
    if (size < 1) {
      throw new IllegalArgumentException(sizeVar + " must be at least 1, got " + size);
    }
    return size;
  }

  private static int rank(Map<String, String> env, String rankVar, int worldSize, String sizeVar) {
    int rank = parseInt(env, rankVar);
    if (rank < 0 || rank >= worldSize) {
      throw new IllegalArgumentException(
          rankVar
              + " must be in [0, "
              + worldSize
              + ") since "
              + sizeVar
              + "="
              + worldSize
              + ", got "
              + rank);
    }
    return rank;
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    if (get(env, name) == null) {
      return fallback;
    }
    int port = parseInt(env, name);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be in 1..65535, got " + port);
    }
    return port;
  }

  private static int parseInt(Map<String, String> env, String name) {
    String v = get(env, name);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
    }
  }

  private static long parseLong(Map<String, String> env, String name) {
    String v = get(env, name);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
    }
  }

  /**
   * Expands just enough of Slurm's host-list syntax to name the first host: the first
   * comma-separated entry (commas inside brackets do not separate), with each bracket group
   * replaced by the first number written in it.
   */
  private static String firstSlurmHost(String what, String nodelist) {
    String list = nodelist == null ? "" : nodelist.trim();
    if (list.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    StringBuilder host = new StringBuilder();
    int i = 0;
    while (i < list.length() && list.charAt(i) != ',') {
      char c = list.charAt(i);
      if (c == ']') {
        throw new IllegalArgumentException(what + " '" + list + "' has a ']' without a '['");
      }
      if (c != '[') {
        host.append(c);
        i++;
        continue;
      }
      int close = list.indexOf(']', i);
      if (close < 0) {
        throw new IllegalArgumentException(what + " '" + list + "' has a '[' without a ']'");
      }
      String ranges = list.substring(i + 1, close);
      int end = 0;
      while (end < ranges.length() && Character.isDigit(ranges.charAt(end))) {
        end++;
      }
      // The first range must start with a number; what follows it (-hi, more ranges) names later
      // hosts, but is checked loosely so that an odd list still yields its first host.
      if (end == 0 || (end < ranges.length() && "-,".indexOf(ranges.charAt(end)) < 0)) {
        throw new IllegalArgumentException(
            what
                + " '"
                + list
                + "' has a bracket that does not start with a number: ["
                + ranges
                + "]");
      }
      host.append(ranges, 0, end);
      i = close + 1;
    }
    if (host.length() == 0) {
      throw new IllegalArgumentException(what + " '" + list + "' starts with an empty host name");
    }
    return host.toString();
  }
}
