package org.gossipbench.workloads.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.TopologySpec;
import org.gossipbench.workloads.algorithm.AlgorithmOptions;
import org.gossipbench.workloads.algorithm.AlgorithmRegistry;
import org.gossipbench.workloads.algorithm.Momentum;
import org.gossipbench.workloads.algorithm.NetworkModel;
import org.gossipbench.workloads.partition.PartitionRegistry;
import org.gossipbench.workloads.workload.WorkloadRegistry;

/**
 * A training run's configuration, as a context that validates itself (STYLE: Aeron's {@code
 * *.Context}): fluent setters, then {@link #conclude()} fills defaults and rejects nonsense with
 * one-line {@link IllegalArgumentException}s. A concluded configuration is a value: {@link
 * #toMap()} goes into the run's provenance and is enough to rerun it.
 */
public final class TrainConfig {
  private String workload = "mnist-mlp";
  private String algorithm = "dsgd";
  private Map<String, String> algorithmParameters = Map.of();
  private String topology = "one-peer-exp";
  private int nodes = 8;
  private String partition = "iid";
  private int batch = 32;
  private double learningRate = 0.1;
  private Momentum momentum = Momentum.NONE;
  private double beta = 0.9;
  private int localSteps = 1;
  private String allreduce; // null: chosen by conclude() (ring, or the device's)
  private String neighborAverage; // null: chosen from the topology by conclude()
  private Double target;
  private double maxEpochs = 10;
  private long maxSteps;
  private long seed = 1;
  private String transport = "local";
  private String device = TrainingDevice.CPU;
  private String evalEvery = "0.25ep";
  private Path dataDir = Path.of("data");
  private NetworkModel network = NetworkModel.ETHERNET_25G;
  private Duration timeout = Duration.ofSeconds(120);
  private Map<String, String> environment = System.getenv();
  private String bindAddress;
  private String advertiseAddress;
  private boolean concluded;

  private EvalSchedule evalSchedule;

  public TrainConfig workload(String w) {
    workload = w;
    return this;
  }

  /** {@code name} or {@code name:key=value:…} (the algorithm's own parameters). */
  public TrainConfig algorithm(String spec) {
    int colon = spec.indexOf(':');
    algorithm = colon < 0 ? spec : spec.substring(0, colon);
    Map<String, String> p = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String kv : spec.substring(colon + 1).split(":")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "algorithm parameter '" + kv + "' in '" + spec + "' is not key=value");
        }
        p.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    algorithmParameters = p;
    return this;
  }

  public TrainConfig topology(String t) {
    topology = t;
    return this;
  }

  public TrainConfig nodes(int n) {
    nodes = n;
    return this;
  }

  public TrainConfig partition(String p) {
    partition = p;
    return this;
  }

  public TrainConfig batch(int b) {
    batch = b;
    return this;
  }

  public TrainConfig learningRate(double lr) {
    learningRate = lr;
    return this;
  }

  public TrainConfig momentum(Momentum m, double b) {
    momentum = m;
    beta = b;
    return this;
  }

  public TrainConfig localSteps(int h) {
    localSteps = h;
    return this;
  }

  /** The allreduce algorithm; null: {@code ring} on the host, the device's own on a device. */
  public TrainConfig allreduce(String a) {
    allreduce = a;
    return this;
  }

  /**
   * The neighbor-average algorithm gossip runs by; null (the default) picks {@code hierarchical}
   * for a {@code hier:} topology and {@code neighbor} otherwise.
   */
  public TrainConfig neighborAverage(String a) {
    neighborAverage = a;
    return this;
  }

  /** The target of the workload's metric in [0, 1]; null trains to the budget. */
  public TrainConfig target(Double t) {
    target = t;
    return this;
  }

  public TrainConfig maxEpochs(double e) {
    maxEpochs = e;
    return this;
  }

  /** A step budget (0: none), applied with the epoch budget; whichever comes first stops. */
  public TrainConfig maxSteps(long s) {
    maxSteps = s;
    return this;
  }

  public TrainConfig seed(long s) {
    seed = s;
    return this;
  }

  public TrainConfig transport(String t) {
    transport = t;
    return this;
  }

  /** Where the models compute: {@code cpu} (the default) or a {@link TrainingDevice}'s name. */
  public TrainConfig device(String d) {
    device = d;
    return this;
  }

  public String device() {
    return device;
  }

  public TrainConfig evalEvery(String e) {
    evalEvery = e;
    return this;
  }

  public TrainConfig dataDir(Path d) {
    dataDir = d;
    return this;
  }

  public TrainConfig network(NetworkModel m) {
    network = m;
    return this;
  }

  /**
   * The launch environment the transport reads (rank, world size, rendezvous address); the
   * process's own by default. Tests pass one per in-process rank to run real tcp ranks as threads.
   */
  public TrainConfig environment(Map<String, String> env) {
    environment = Map.copyOf(env);
    return this;
  }

  public Map<String, String> environment() {
    return environment;
  }

  /** tcp: the address this rank listens on (null: the environment's, else loopback). */
  public TrainConfig bindAddress(String a) {
    bindAddress = a;
    return this;
  }

  /** tcp: the address peers dial (null: as {@code TransportConfig#advertiseAddress} says). */
  public TrainConfig advertiseAddress(String a) {
    advertiseAddress = a;
    return this;
  }

  public String bindAddress() {
    return bindAddress;
  }

  public String advertiseAddress() {
    return advertiseAddress;
  }

  public TrainConfig timeout(Duration t) {
    timeout = t;
    return this;
  }

  /**
   * Checks every field and every name against its registry.
   *
   * @throws IllegalArgumentException with a one-line message for the first problem found
   */
  public TrainConfig conclude() {
    TrainingDevice dev = TrainingDevice.find(device); // first: a build without it says so, alone
    boolean accuracyLike = WorkloadRegistry.get(workload).higherIsBetter();
    AlgorithmRegistry.Entry a = AlgorithmRegistry.get(algorithm);
    if (nodes < 1) {
      throw new IllegalArgumentException("-n must be at least 1, got " + nodes);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
    }
    if (allreduce == null) {
      allreduce = dev == null ? "ring" : dev.allreduce();
    }
    if (neighborAverage == null && dev != null) {
      neighborAverage = dev.neighborAverage();
    }
    // also checks lr > 0, H ≥ 1 and the momentum coefficient, then the algorithm's own limits
    a.validate(
        new AlgorithmOptions(
            learningRate, momentum, beta, localSteps, allreduce, algorithmParameters));
    CollectiveRegistry.get("allreduce", allreduce);
    if (neighborAverage == null) {
      // hier:'s matrix is W = T ⊗ 11ᵀ/G: the collective built for it sends S between groups
      // once per leader instead of once per rank
      neighborAverage =
          a.needsTopology() && TopologySpec.parse(topology).name().equals("hier")
              ? "hierarchical"
              : "neighbor";
    }
    CollectiveRegistry.get("neighbor-average", neighborAverage);
    if (target != null && accuracyLike && !(target >= 0 && target <= 1)) {
      throw new IllegalArgumentException("--target-accuracy must lie in [0, 1], got " + target);
    }
    if (target != null && !accuracyLike && !(target >= 0)
        || Double.valueOf(Double.POSITIVE_INFINITY).equals(target)) {
      throw new IllegalArgumentException(
          "--target-accuracy must be a finite loss >= 0 for " + workload + ", got " + target);
    }
    if (!(maxEpochs > 0) || Double.isInfinite(maxEpochs)) {
      throw new IllegalArgumentException("--max-epochs must be > 0, got " + maxEpochs);
    }
    if (maxSteps < 0) {
      throw new IllegalArgumentException("--max-steps must be >= 0, got " + maxSteps);
    }
    PartitionRegistry.parse(partition);
    if (a.needsTopology()) {
      a.validate(
          algorithmOptions(), TopologyRegistry.create(TopologySpec.parse(topology), nodes, seed));
    }
    evalSchedule = EvalSchedule.parse(evalEvery);
    concluded = true;
    if (dev != null) {
      try {
        dev.check(this); // last, on a resolved configuration: its line is about the device
      } catch (RuntimeException e) {
        concluded = false;
        throw e;
      }
    }
    return this;
  }

  private void requireConcluded() {
    if (!concluded) {
      throw new IllegalStateException("call conclude() first");
    }
  }

  public String workload() {
    return workload;
  }

  public String algorithm() {
    return algorithm;
  }

  public Map<String, String> algorithmParameters() {
    return algorithmParameters;
  }

  public String topology() {
    return topology;
  }

  public int nodes() {
    return nodes;
  }

  public String partition() {
    return partition;
  }

  public int batch() {
    return batch;
  }

  public double learningRate() {
    return learningRate;
  }

  public Momentum momentum() {
    return momentum;
  }

  public double beta() {
    return beta;
  }

  public int localSteps() {
    return localSteps;
  }

  public String allreduce() {
    return allreduce;
  }

  /** The neighbor-average algorithm, resolved by {@link #conclude()}. */
  public String neighborAverage() {
    requireConcluded();
    return neighborAverage;
  }

  public Double target() {
    return target;
  }

  public double maxEpochs() {
    return maxEpochs;
  }

  public long maxSteps() {
    return maxSteps;
  }

  public long seed() {
    return seed;
  }

  public String transport() {
    return transport;
  }

  public EvalSchedule evalSchedule() {
    requireConcluded();
    return evalSchedule;
  }

  public Path dataDir() {
    return dataDir;
  }

  public NetworkModel network() {
    return network;
  }

  public Duration timeout() {
    return timeout;
  }

  public AlgorithmOptions algorithmOptions() {
    return new AlgorithmOptions(
        learningRate,
        momentum,
        beta,
        localSteps,
        allreduce,
        algorithmParameters,
        neighborAverage == null ? "neighbor" : neighborAverage);
  }

  /** Whether the algorithm gossips over {@link #topology()}. */
  public boolean usesTopology() {
    return AlgorithmRegistry.get(algorithm).needsTopology();
  }

  /** The run's configuration, every default resolved, for provenance. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workload", workload);
    m.put("algorithm", algorithm);
    m.put("algorithm_parameters", algorithmParameters);
    m.put("topology", usesTopology() ? topology : null);
    m.put("n", nodes);
    m.put("partition", partition);
    m.put("batch", batch);
    m.put("learning_rate", learningRate);
    m.put("momentum", momentum.label());
    m.put("beta", momentum == Momentum.NONE ? null : beta);
    m.put("local_steps", localSteps);
    m.put("allreduce", allreduce);
    m.put("neighbor_average", usesTopology() ? neighborAverage : null);
    m.put("target", target);
    m.put("max_epochs", maxEpochs);
    m.put("max_steps", maxSteps);
    m.put("seed", seed);
    m.put("transport", transport);
    if (!TrainingDevice.CPU.equals(device)) {
      m.put("device", device); // absent for cpu: the provenance of host runs stays as it was
    }
    m.put("eval_every", evalEvery);
    m.put("network_model", network.describe());
    return m;
  }
}
