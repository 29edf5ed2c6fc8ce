package org.gossipbench.workloads.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.LogisticRegressionModel;
import org.gossipbench.workloads.synthetic.HeterogeneousLogistic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the strongly convex synthetic logistic problem, with full local batches (exact ∇f_i), PSGD
 * must reach the computed optimum x*, and DSGD's distance to it must grow with heterogeneity.
 */
class LogisticConvergenceTest {
  static final int N = 4;
  static final double MU = 0.01;

  static double[][] run(
      String algorithm, String topology, String allreduce, double zeta, double lr, int steps) {
    HeterogeneousLogistic.LogisticProblem p =
        new HeterogeneousLogistic(N, 200, 6, 3, zeta, MU, 0, 5).generate();
    double[][] out = new double[N + 1][];
    out[N] = p.optimum();
    try (Job job =
        new TransportConfig()
            .transport("local")
            .ranks(N)
            .timeout(Duration.ofSeconds(30))
            .conclude()
            .join()) {
      job.run(
          comm -> {
            Dataset local = p.nodeData().get(comm.rank());
            LogisticRegressionModel model = new LogisticRegressionModel(6, 3, MU);
            Batch all = new Batch(local.size(), 6);
            for (int r = 0; r < local.size(); r++) {
              all.add(local, r);
            }
            AlgorithmContext ctx =
                new AlgorithmContext(
                    comm,
                    model,
                    (Buf g) -> model.gradient(all, g),
                    topology == null ? null : TopologyRegistry.create(topology, N, 1),
                    AlgorithmOptions.sgd(lr).withAllreduce(allreduce),
                    NetworkModel.ETHERNET_25G);
            Algorithm a = AlgorithmRegistry.get(algorithm).create(ctx);
            for (int k = 0; k < steps; k++) {
              a.step(k);
            }
            out[comm.rank()] = ((DoubleBuf) a.estimate()).array().clone();
          });
    }
    return out;
  }

  static double distanceOfMeanToOptimum(double[][] x) {
    double[] opt = x[N];
    double s = 0;
    for (int k = 0; k < opt.length; k++) {
      double m = 0;
      for (int i = 0; i < N; i++) {
        m += x[i][k] / N;
      }
      s += (m - opt[k]) * (m - opt[k]);
    }
    return Math.sqrt(s);
  }

  static double meanDistanceToOptimum(double[][] x) {
    double[] opt = x[N];
    double total = 0;
    for (int i = 0; i < N; i++) {
      double s = 0;
      for (int k = 0; k < opt.length; k++) {
        s += (x[i][k] - opt[k]) * (x[i][k] - opt[k]);
      }
      total += Math.sqrt(s) / N;
    }
    return total;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ring", "halving-doubling", "parameter-server"})
  void shouldReachTheComputedOptimumWithFullBatchPsgd(String allreduce) {
    double[][] x = run("psgd", null, allreduce, 1.0, 1.0, 4000);
    for (int i = 0; i < N; i++) {
      assertArrayEquals(x[N], x[i], 1e-6, "rank " + i + " (tolerance 1e-6 per entry)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ring", "one-peer-exp"})
  void shouldBeFartherFromTheOptimumUnderMoreHeterogeneityWithDsgd(String topology) {
    double homogeneous = meanDistanceToOptimum(run("dsgd", topology, "ring", 0.0, 0.5, 3000));
    double heterogeneous = meanDistanceToOptimum(run("dsgd", topology, "ring", 3.0, 0.5, 3000));
    assertTrue(
        // at zeta 0 only finite samples make the nodes differ, so the bias is small, not 0
        heterogeneous > 2 * homogeneous,
        topology + ": distance " + homogeneous + " at zeta 0 vs " + heterogeneous + " at zeta 3");
  }
}
