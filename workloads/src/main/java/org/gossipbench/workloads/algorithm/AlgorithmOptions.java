package org.gossipbench.workloads.algorithm;

import java.util.Map;
import java.util.Objects;

/**
 * The hyperparameters every algorithm shares, plus its own named parameters.
 *
 * @param learningRate γ &gt; 0
 * @param momentum the local optimizer's form
 * @param beta momentum coefficient in (0, 1) (ignored without momentum)
 * @param localSteps H ≥ 1: communicate every H-th iteration (local SGD when H &gt; 1)
 * @param allreduce the allreduce algorithm of the collectives registry for global averages
 * @param parameters the algorithm's own parameters from its spec, e.g. {@code period=8}
 * @param neighborAverage the neighbor-average algorithm of the collectives registry for gossip
 *     ({@code neighbor}; {@code hierarchical} over a {@code hier:} topology)
 */
public record AlgorithmOptions(
    double learningRate,
    Momentum momentum,
    double beta,
    int localSteps,
    String allreduce,
    Map<String, String> parameters,
    String neighborAverage) {

  public AlgorithmOptions {
    Objects.requireNonNull(momentum, "momentum");
    Objects.requireNonNull(allreduce, "allreduce");
    Objects.requireNonNull(neighborAverage, "neighborAverage");
    parameters = Map.copyOf(parameters);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
    }
    if (localSteps < 1) {
      throw new IllegalArgumentException("local steps must be at least 1, got " + localSteps);
    }
    if (momentum != Momentum.NONE && !(beta > 0 && beta < 1)) {
      throw new IllegalArgumentException("momentum must lie in (0, 1), got " + beta);
    }
  }

  /** Gossip by the generic {@code neighbor} exchange. */
  public AlgorithmOptions(
      double learningRate,
      Momentum momentum,
      double beta,
      int localSteps,
      String allreduce,
      Map<String, String> parameters) {
    this(learningRate, momentum, beta, localSteps, allreduce, parameters, "neighbor");
  }

  /** Plain SGD steps with learning rate γ, communicating every step over a ring allreduce. */
  public static AlgorithmOptions sgd(double learningRate) {
    return new AlgorithmOptions(learningRate, Momentum.NONE, 0, 1, "ring", Map.of());
  }

  public AlgorithmOptions withMomentum(Momentum m, double b) {
    return new AlgorithmOptions(
        learningRate, m, b, localSteps, allreduce, parameters, neighborAverage);
  }

  public AlgorithmOptions withLocalSteps(int h) {
    return new AlgorithmOptions(
        learningRate, momentum, beta, h, allreduce, parameters, neighborAverage);
  }

  public AlgorithmOptions withAllreduce(String a) {
    return new AlgorithmOptions(
        learningRate, momentum, beta, localSteps, a, parameters, neighborAverage);
  }

  public AlgorithmOptions withParameters(Map<String, String> p) {
    return new AlgorithmOptions(
        learningRate, momentum, beta, localSteps, allreduce, p, neighborAverage);
  }

  public AlgorithmOptions withNeighborAverage(String a) {
    return new AlgorithmOptions(learningRate, momentum, beta, localSteps, allreduce, parameters, a);
  }

  /** Whether iteration k ends with communication (every H-th). */
  public boolean communicatesAt(long k) {
    return (k + 1) % localSteps == 0;
  }
}
