package org.gossipbench.collectives.comm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to join a job: which transport, how many ranks, how long to wait for a peer, and the
 * transport's own settings (Aeron-style context: fluent setters, then {@link #conclude()} rejects
 * nonsense with one line and fills what can be derived). Every caller that needs ranks (the sweep,
 * the trainer, the benchmarks) chooses a transport through this one object and {@link #join()}, so
 * a new transport is one {@link CommunicatorProvider} and nothing else.
 *
 * <p>Not thread-safe; a concluded configuration is not changed further.
 */
public final class TransportConfig {
  /** Ranks of an in-process job when none are asked for. */
  public static final int DEFAULT_LOCAL_RANKS = 4;

  private String transport = "local";
  private int ranks; // 0: the transport's default (local: 4; launched: the launcher's world size)
  private Duration timeout = Duration.ofSeconds(60);
  private String bindAddress;
  private String advertiseAddress;
  private Map<String, String> environment = System.getenv();
  private CommunicatorProvider provider;

  /** The {@code --transport} name: {@code local}, {@code tcp}, {@code mpi}, … */
  public TransportConfig transport(String name) {
    this.transport = Objects.requireNonNull(name, "transport");
    return this;
  }

  /**
   * Ranks in the job; 0 (the default) means the transport decides: 4 in-process, the launcher's
   * world size for one rank per process. A launched transport checks a non-zero value against the
   * launcher's.
   */
  public TransportConfig ranks(int ranks) {
    this.ranks = ranks;
    return this;
  }

  /** How long a blocking operation waits for a peer before failing (default 60 s). */
  public TransportConfig timeout(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * tcp: the address this rank listens on; null (the default) means {@code GOSSIPBENCH_BIND_ADDR}
   * from the environment, else loopback.
   */
  public TransportConfig bindAddress(String address) {
    this.bindAddress = blankToNull(address);
    return this;
  }

  /**
   * tcp: the address peers dial to reach this rank; null (the default) means {@code
   * GOSSIPBENCH_ADVERTISE_ADDR} from the environment, else the bind address, or, when that is a
   * wildcard (0.0.0.0, ::), the local address of this rank's connection to the rendezvous store.
   */
  public TransportConfig advertiseAddress(String address) {
    this.advertiseAddress = blankToNull(address);
    return this;
  }

  /** The environment launcher variables are read from (default: this process's). */
  public TransportConfig environment(Map<String, String> env) {
    this.environment = Map.copyOf(Objects.requireNonNull(env, "environment"));
    return this;
  }

  /**
   * Validates and resolves the provider; idempotent.
   *
   * @throws IllegalArgumentException on one line, naming the bad value and what is allowed
   */
  public TransportConfig conclude() {
    if (ranks < 0) {
      throw new IllegalArgumentException("-np must be at least 1, got " + ranks);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive");
    }
    if (provider == null) {
      provider =
          CommunicatorProvider.find(transport)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown transport '"
                              + transport
                              + "'; known: "
                              + String.join(", ", knownTransports())
                              + (transport.equals("mpi")
                                  ? " (mpi needs a build with -Pmpi: bash ci/mpi-setup.sh, then"
                                      + " mvn -Pmpi package)"
                                  : "")));
    }
    return this;
  }

  /** Concludes this configuration and joins the job it describes. */
  public Job join() {
    conclude();
    return provider.join(this);
  }

  private static List<String> knownTransports() {
    List<String> known = new ArrayList<>();
    CommunicatorProvider.all().forEach(p -> known.add(p.transport()));
    return known;
  }

  public String transport() {
    return transport;
  }

  public int ranks() {
    return ranks;
  }

  public Duration timeout() {
    return timeout;
  }

  public String bindAddress() {
    return bindAddress;
  }

  public String advertiseAddress() {
    return advertiseAddress;
  }

  public Map<String, String> environment() {
    return environment;
  }

  /** The concluded provider. */
  public CommunicatorProvider provider() {
    conclude();
    return provider;
  }

  /** What a results file logs of it (no environment: it may hold secrets). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("transport", transport);
    m.put("timeout_ms", timeout.toMillis());
    if (bindAddress != null) {
      m.put("bind", bindAddress);
    }
    if (advertiseAddress != null) {
      m.put("advertise", advertiseAddress);
    }
    return m;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public String toString() {
    return "TransportConfig" + toMap() + (ranks > 0 ? " ranks=" + ranks : "");
  }
}
