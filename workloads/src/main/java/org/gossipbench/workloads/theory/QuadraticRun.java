package org.gossipbench.workloads.theory;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.workloads.algorithm.Algorithm;
import org.gossipbench.workloads.algorithm.AlgorithmContext;
import org.gossipbench.workloads.algorithm.AlgorithmOptions;
import org.gossipbench.workloads.algorithm.AlgorithmRegistry;
import org.gossipbench.workloads.algorithm.NetworkModel;
import org.gossipbench.workloads.synthetic.HeterogeneousQuadratic;
import org.gossipbench.workloads.synthetic.NoisyQuadraticModel;

/**
 * One measured run of a registered {@link Algorithm} (the production class, built by {@link
 * AlgorithmRegistry} through an {@link AlgorithmContext}) on a {@link HeterogeneousQuadratic}, with
 * n ranks over the in-process transport. Every node starts at x* (so what is measured is what the
 * algorithm adds to the optimum: bias and noise, not the decay of a start-up error), and after
 * every step k the run records e_k = (1/n) Σ_i ‖x_i − x*‖² of the nodes' estimates.
 *
 * <p>The harmonic schedule is applied by scaling each gradient by γ_k / γ before the algorithm sees
 * it: for an algorithm that draws one gradient a step and moves by γ times it (PSGD, DSGD,
 * DSGD-CTA, all without momentum), that is exactly the step γ_k. Other algorithms refuse it.
 *
 * @param algorithm a registered algorithm name (plain SGD steps)
 * @param topology a topology spec, or null for PSGD
 * @param problem the quadratic (its n is the number of ranks)
 * @param step γ, or γ_0 of the harmonic schedule
 * @param schedule constant or harmonic
 * @param iterations K &ge; 1
 */
public record QuadraticRun(
    String algorithm,
    String topology,
    HeterogeneousQuadratic problem,
    double step,
    StepSchedule schedule,
    int iterations) {
  private static final Set<String> SCALABLE = Set.of("psgd", "dsgd", "dsgd-cta");

  public QuadraticRun {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(schedule, "schedule");
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
    }
    if (schedule == StepSchedule.HARMONIC && !SCALABLE.contains(algorithm)) {
      throw new IllegalArgumentException(
          "the harmonic schedule needs one plain SGD step per iteration (psgd, dsgd, dsgd-cta);"
              + " got "
              + algorithm);
    }
    AlgorithmRegistry.Entry entry = AlgorithmRegistry.get(algorithm);
    if (entry.needsTopology() && topology == null) {
      throw new IllegalArgumentException(algorithm + " needs a topology");
    }
    entry.validate(AlgorithmOptions.sgd(step));
  }

  /** The topology this run gossips over, or null. */
  public Topology createTopology() {
    return topology == null
        ? null
        : TopologyRegistry.create(topology, problem.nodes(), problem.seed());
  }

  /**
   * Runs the K steps.
   *
   * @return e_k for k = 0 … K − 1, the error after step k
   */
  public double[] errors() {
    int n = problem.nodes();
    int d = problem.dimension();
    double[] optimum = problem.optimum();
    double[][] perRank = new double[n][iterations];
    Topology t = createTopology();
    // in-process the parameter server's two rounds beat the ring's 2(n - 1) dependent ones (about
    // 20x for PSGD at n = 64 here); every allreduce gives PSGD the same exact average
    AlgorithmOptions options = AlgorithmOptions.sgd(step).withAllreduce("parameter-server");
    try (Job job =
        new TransportConfig()
            .transport("local")
            .ranks(n)
            .timeout(Duration.ofMinutes(5))
            .conclude()
            .join()) {
      job.run(
          comm -> {
            int rank = comm.rank();
            NoisyQuadraticModel model = problem.node(rank, optimum);
            long[] drawn = {0};
            AlgorithmContext ctx =
                new AlgorithmContext(
                    comm,
                    model,
                    g -> {
                      double loss = model.gradient(null, g);
                      if (schedule != StepSchedule.CONSTANT) {
                        double s = schedule.factor(step, drawn[0]);
                        double[] a = ((DoubleBuf) g).array();
                        for (int j = 0; j < a.length; j++) {
                          a[j] *= s;
                        }
                      }
                      drawn[0]++;
                      return loss;
                    },
                    t,
                    options,
                    NetworkModel.ETHERNET_25G);
            Algorithm a = AlgorithmRegistry.get(algorithm).create(ctx);
            double[] row = perRank[rank];
            for (int k = 0; k < iterations; k++) {
              a.step(k);
              double[] x = ((DoubleBuf) a.estimate()).array();
              double s = 0;
              for (int j = 0; j < d; j++) {
                double e = x[j] - optimum[j];
                s += e * e;
              }
              row[k] = s;
            }
          });
    }
    double[] e = new double[iterations];
    for (double[] row : perRank) {
      for (int k = 0; k < iterations; k++) {
        e[k] += row[k];
      }
    }
    for (int k = 0; k < iterations; k++) {
      e[k] /= n;
    }
    return e;
  }

  /** The mean of the last {@code tail} entries of {@code errors}: the steady-state error. */
  public static double tailMean(double[] errors, int tail) {
    if (tail < 1 || tail > errors.length) {
      throw new IllegalArgumentException("tail must lie in 1.." + errors.length + ", got " + tail);
    }
    double s = 0;
    for (int k = errors.length - tail; k < errors.length; k++) {
      s += errors[k];
    }
    return s / tail;
  }
}
