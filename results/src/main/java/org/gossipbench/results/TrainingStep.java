package org.gossipbench.results;

/**
 * One optimizer step of one rank.
 *
 * @param algorithm registry name, e.g. {@code dsgd}
 * @param topology canonical topology spec, e.g. {@code ring} or {@code base:k=2}
 * @param n number of nodes
 * @param rank the rank that took the step
 * @param iteration global step number k, from 0
 * @param samplesSeen training samples this rank has consumed so far
 * @param evalMetric validation metric when evaluated at this step, else null
 * @param consensusDistance (1/n) Σ_i ||x_i − x̄||² when measured at this step, else null
 * @param computeNanos forward, backward and optimizer time of this step
 * @param communicationNanos time spent in collectives during this step
 * @param bytesCommunicated bytes this rank sent during this step
 * @param elapsedNanos time since the run first touched the data (SPEC &sect;6)
 * @param computeCpuNanos CPU time of this rank's thread in forward, backward and optimizer (v2;
 *     null in v1 files): the compute a node would spend on a machine of its own, where wall time on
 *     a shared machine also counts waiting for a core
 * @param criticalPathNanos the step's critical path, the same on every rank's row (v2): slowest
 *     rank's compute CPU time + the fastest rank's communication time (the collective's duration
 *     once every rank has arrived, without waiting for stragglers)
 * @param projectedNanos the step's time on n machines projected by the α–β model (v2): slowest
 *     rank's compute CPU time + the modelled communication time
 * @param evalNanos time spent evaluating after this step, excluded from every time to target (v2;
 *     null when not evaluated)
 * @param evalLoss mean held-out loss of x̄ when evaluated at this step (v2)
 */
public record TrainingStep(
    String algorithm,
    String topology,
    int n,
    int rank,
    int epoch,
    long iteration,
    long samplesSeen,
    double trainLoss,
    Double evalMetric,
    Double consensusDistance,
    long computeNanos,
    long communicationNanos,
    long bytesCommunicated,
    double learningRate,
    long elapsedNanos,
    Long computeCpuNanos,
    Long criticalPathNanos,
    Long projectedNanos,
    Long evalNanos,
    Double evalLoss) {

  /** A version-1 row: the columns v2 added are null. */
  public static TrainingStep v1(
      String algorithm,
      String topology,
      int n,
      int rank,
      int epoch,
      long iteration,
      long samplesSeen,
      double trainLoss,
      Double evalMetric,
      Double consensusDistance,
      long computeNanos,
      long communicationNanos,
      long bytesCommunicated,
      double learningRate,
      long elapsedNanos) {
    return new TrainingStep(
        algorithm,
        topology,
        n,
        rank,
        epoch,
        iteration,
        samplesSeen,
        trainLoss,
        evalMetric,
        consensusDistance,
        computeNanos,
        communicationNanos,
        bytesCommunicated,
        learningRate,
        elapsedNanos,
        null,
        null,
        null,
        null,
        null);
  }
}
