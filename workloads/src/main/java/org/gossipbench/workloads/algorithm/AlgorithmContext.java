package org.gossipbench.workloads.algorithm;

import java.util.Objects;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.workloads.model.Model;

/**
 * Everything one rank's {@link Algorithm} may use: the model's live parameter vector, gradients,
 * the run's options, and collectives planned through the same registry the benchmarks measure, each
 * timed into the rank's {@link StepMeter}. Building collectives and buffers allocates; use them in
 * the algorithm's constructor, never in {@code step}.
 */
public final class AlgorithmContext {
  private final Communicator comm;
  private final Model model;
  private final GradientSource gradients;
  private final Topology topology;
  private final AlgorithmOptions options;
  private final NetworkModel network;
  private final StepMeter meter = new StepMeter();

  /**
   * @param topology the gossip graph (its size must be the communicator's), or null for an
   *     algorithm that only averages globally
   */
  public AlgorithmContext(
      Communicator comm,
      Model model,
      GradientSource gradients,
      Topology topology,
      AlgorithmOptions options,
      NetworkModel network) {
    this.comm = Objects.requireNonNull(comm, "comm");
    this.model = Objects.requireNonNull(model, "model");
    this.gradients = Objects.requireNonNull(gradients, "gradients");
    this.topology = topology;
    this.options = Objects.requireNonNull(options, "options");
    this.network = Objects.requireNonNull(network, "network");
  }

  public int rank() {
    return comm.rank();
  }

  public int size() {
    return comm.size();
  }

  public Communicator communicator() {
    return comm;
  }

  public Model model() {
    return model;
  }

  /** x_i: the model's live flat parameter vector. */
  public Buf parameters() {
    return model.parameters();
  }

  public AlgorithmOptions options() {
    return options;
  }

  public StepMeter meter() {
    return meter;
  }

  /**
   * @throws IllegalArgumentException when the run was configured without a topology
   */
  public Topology topology() {
    if (topology == null) {
      throw new IllegalArgumentException("this algorithm needs a topology (--topology)");
    }
    return topology;
  }

  /** The run's topology, or null when it has none (for validation). */
  public Topology topologyOrNull() {
    return topology;
  }

  /** A new zeroed buffer of x's type and length. */
  public Buf newBuffer() {
    Buf x = parameters();
    return Buf.allocate(x.dtype(), x.length());
  }

  /** A local optimizer of the run's momentum form, with its own momentum buffer. */
  public LocalOptimizer newOptimizer() {
    return new LocalOptimizer(options.momentum(), options.beta(), parameters());
  }

  /** ∇F(x_i; ξ) at the current parameters into {@code g}; its loss is recorded for the step. */
  public double gradient(Buf g) {
    double loss = gradients.next(g);
    meter.addLoss(loss);
    return loss;
  }

  /**
   * Gossip x ← Σ_j w_ij^(r) x_j over the run's topology on {@code data[0, length)}, by the run's
   * neighbor-average algorithm; run it with the communication round r (which selects W^(r) of a
   * time-varying graph).
   */
  public Collective neighborAverage(Buf data) {
    return plan("neighbor-average", options.neighborAverage(), data, CollectiveOptions.defaults());
  }

  /** Exact global average (1/n) Σ_j data_j by the run's allreduce algorithm. */
  public Collective allreduceAverage(Buf data) {
    return plan(
        "allreduce",
        options.allreduce(),
        data,
        CollectiveOptions.defaults().withReduceOp(ReduceOp.AVG));
  }

  private Collective plan(String op, String algorithm, Buf data, CollectiveOptions base) {
    CollectiveOptions o =
        CollectiveRegistry.get(op, algorithm).needsTopology()
            ? base.withTopology(topology())
            : base;
    Collective c = CollectiveRegistry.create(op, algorithm, comm, data, data.length(), o);
    long bytes = (long) data.length() * data.dtype().bytes();
    long projected =
        CollectiveRegistry.get(op, algorithm)
            .cost()
            .map(
                m ->
                    network.nanos(
                        m.counts(
                            comm.size(),
                            bytes,
                            (long) o.segmentElements() * data.dtype().bytes(),
                            o.topology())))
            .orElse(0L);
    return new TimedCollective(c, meter, projected);
  }
}
