package org.gossipbench.workloads.workload;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.LogisticRegressionBuilder;
import org.gossipbench.workloads.model.ModelBuilder;
import org.gossipbench.workloads.partition.Partitioner;
import org.gossipbench.workloads.synthetic.HeterogeneousLogistic;

/**
 * Synthetic heterogeneous multinomial logistic regression ({@link HeterogeneousLogistic}): each
 * node labels its samples with its own shifted classifier, so the partition is part of the problem
 * (the {@code --partition} flag is recorded, not applied); x*, f(x*) and b² are computed to a
 * gradient norm below 1e-10 and logged. The metric is held-out accuracy.
 */
final class SyntheticLogisticWorkload implements Workload {
  static final Map<String, String> PARAMETERS =
      Map.of(
          "zeta", "heterogeneity: node classifiers shifted by zeta (default 1)",
          "d", "dimension (default 10)",
          "classes", "classes (default 3)",
          "m", "samples per node (default 256)",
          "mu", "L2 regularization of the weights (default 0.01)");

  private final double zeta;
  private final int dimension;
  private final int classes;
  private final int samplesPerNode;
  private final double mu;

  SyntheticLogisticWorkload(Map<String, String> p) {
    zeta = SyntheticLeastSquaresWorkload.number(p, "zeta", 1);
    dimension = (int) SyntheticLeastSquaresWorkload.number(p, "d", 10);
    classes = (int) SyntheticLeastSquaresWorkload.number(p, "classes", 3);
    samplesPerNode = (int) SyntheticLeastSquaresWorkload.number(p, "m", 256);
    mu = SyntheticLeastSquaresWorkload.number(p, "mu", 0.01);
  }

  @Override
  public String name() {
    return "synthetic-logreg";
  }

  @Override
  public String description() {
    return "synthetic heterogeneous logistic regression with computed optimum and b²";
  }

  @Override
  public List<String> datasets() {
    return List.of();
  }

  @Override
  public ModelBuilder model() {
    return new LogisticRegressionBuilder(mu);
  }

  @Override
  public TrainingData load(Path dataDir, int n, Partitioner partitioner, long seed) {
    HeterogeneousLogistic.LogisticProblem p =
        new HeterogeneousLogistic(n, samplesPerNode, dimension, classes, zeta, mu, 64 * n, seed)
            .generate();
    int d = dimension;
    float[] features = new float[n * samplesPerNode * d];
    int[] labels = new int[n * samplesPerNode];
    int[][] shards = new int[n][samplesPerNode];
    for (int i = 0; i < n; i++) {
      Dataset local = p.nodeData().get(i);
      System.arraycopy(
          local.features(), 0, features, i * samplesPerNode * d, local.features().length);
      System.arraycopy(local.labels(), 0, labels, i * samplesPerNode, samplesPerNode);
      for (int j = 0; j < samplesPerNode; j++) {
        shards[i][j] = i * samplesPerNode + j;
      }
    }
    Dataset train = new Dataset("synthetic-logreg", features, labels, null, new int[] {d}, classes);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("b2", p.heterogeneity());
    facts.put("optimal_value", p.optimalValue());
    facts.put("gradient_norm_at_optimum", p.gradientNormAtOptimum());
    facts.put("zeta", zeta);
    facts.put("optimum", p.optimum());
    return new TrainingData(train, shards, p.heldOut(), facts);
  }
}
