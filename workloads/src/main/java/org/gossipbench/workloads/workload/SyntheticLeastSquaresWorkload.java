package org.gossipbench.workloads.workload;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.LeastSquaresBuilder;
import org.gossipbench.workloads.model.ModelBuilder;
import org.gossipbench.workloads.partition.Partitioner;
import org.gossipbench.workloads.synthetic.HeterogeneousLeastSquares;
import org.gossipbench.workloads.synthetic.LeastSquaresProblem;

/**
 * Synthetic heterogeneous least squares ({@link HeterogeneousLeastSquares}) for exact theory
 * checks: each node's data comes from its own shifted ground truth, so the partition is part of the
 * problem (the {@code --partition} flag is recorded but not applied) and b², σ², x* and f(x*) are
 * known and logged. The metric is the held-out mean loss, lower is better.
 */
final class SyntheticLeastSquaresWorkload implements Workload {
  static final Map<String, String> PARAMETERS =
      Map.of(
          "zeta", "heterogeneity: node optima shifted by zeta (default 1)",
          "d", "dimension (default 20)",
          "m", "samples per node (default 256)",
          "noise", "label noise standard deviation (default 0.1)",
          "mu", "ridge regularization (default 0.001)");

  private final double zeta;
  private final int dimension;
  private final int samplesPerNode;
  private final double noise;
  private final double mu;

  SyntheticLeastSquaresWorkload(Map<String, String> p) {
    zeta = number(p, "zeta", 1);
    dimension = (int) number(p, "d", 20);
    samplesPerNode = (int) number(p, "m", 256);
    noise = number(p, "noise", 0.1);
    mu = number(p, "mu", 1e-3);
  }

  static double number(Map<String, String> p, String key, double fallback) {
    String v = p.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "synthetic-lsq parameter " + key + " must be a number, got '" + v + "'");
    }
  }

  @Override
  public String name() {
    return "synthetic-lsq";
  }

  @Override
  public String description() {
    return "synthetic heterogeneous least squares with known optimum and b² (pure Java, float64)";
  }

  @Override
  public String metric() {
    return "test_loss";
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public List<String> datasets() {
    return List.of();
  }

  @Override
  public ModelBuilder model() {
    return new LeastSquaresBuilder(mu);
  }

  @Override
  public TrainingData load(Path dataDir, int n, Partitioner partitioner, long seed) {
    LeastSquaresProblem p =
        new HeterogeneousLeastSquares(n, samplesPerNode, dimension, zeta, noise, mu, 64 * n, seed)
            .generate();
    int d = dimension;
    float[] features = new float[n * samplesPerNode * d];
    float[] targets = new float[n * samplesPerNode];
    int[][] shards = new int[n][samplesPerNode];
    for (int i = 0; i < n; i++) {
      Dataset local = p.nodeData().get(i);
      System.arraycopy(
          local.features(), 0, features, i * samplesPerNode * d, local.features().length);
      System.arraycopy(local.targets(), 0, targets, i * samplesPerNode, samplesPerNode);
      for (int j = 0; j < samplesPerNode; j++) {
        shards[i][j] = i * samplesPerNode + j;
      }
    }
    Dataset train =
        new Dataset(
            "synthetic-lsq", features, new int[n * samplesPerNode], targets, new int[] {d}, 0);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("b2", p.heterogeneity());
    facts.put("optimal_value", p.optimalValue());
    facts.put("per_sample_gradient_noise", p.perSampleNoise());
    facts.put("zeta", zeta);
    facts.put("optimum", p.optimum());
    return new TrainingData(train, shards, p.heldOut(), facts);
  }
}
