package org.gossipbench.results;

/**
 * The outcome of one training run (SPEC &sect;6, MLPerf-style time to accuracy).
 *
 * @param metric name of the validation metric, e.g. {@code top1_accuracy}
 * @param target the value that counts as reached
 * @param reached whether an evaluation reached the target
 * @param timeToTargetNanos from the first touch of the data to the end of the first evaluation that
 *     reached the target; null when not reached
 * @param iterationsToTarget iterations until that evaluation; null when not reached
 * @param bestMetric best evaluated value (the value to report when not reached)
 * @param iterations iterations run in total
 * @param wallNanos wall time of the whole run
 * @param workload workload name, e.g. {@code mnist-mlp} (v2; null in v1 files, as are all below)
 * @param partition partition spec, e.g. {@code dirichlet:alpha=0.5}
 * @param transport {@code local}, {@code tcp} or {@code mpi}
 * @param batchSize mini-batch per node
 * @param learningRate the step size γ
 * @param stopReason {@code target}, {@code max-epochs} or {@code max-steps}
 * @param criticalPathToTargetNanos sum of the steps' critical-path times until the reaching
 *     evaluation, plus that evaluation's time (SPEC &sect;6 counts the reaching evaluation)
 * @param projectedToTargetNanos the same with the α–β-projected step times
 * @param evalNanos total evaluation time of the run (excluded from the step times; the elapsed time
 *     to target counts every evaluation before it, labelled so)
 * @param samplesPerSecond training samples of all nodes per second of elapsed training time,
 *     evaluation excluded
 * @param finalConsensusDistance (1/n) Σ‖x_i − x̄‖² at the last evaluation
 */
public record RunSummary(
    String algorithm,
    String topology,
    int n,
    long seed,
    String metric,
    double target,
    boolean reached,
    Long timeToTargetNanos,
    Long iterationsToTarget,
    double bestMetric,
    double finalLoss,
    long iterations,
    int epochs,
    long wallNanos,
    String workload,
    String partition,
    String transport,
    Integer batchSize,
    Double learningRate,
    String stopReason,
    Long criticalPathToTargetNanos,
    Long projectedToTargetNanos,
    Long evalNanos,
    Double samplesPerSecond,
    Double finalConsensusDistance) {

  /** A version-1 row: the columns v2 added are null. */
  public static RunSummary v1(
      String algorithm,
      String topology,
      int n,
      long seed,
      String metric,
      double target,
      boolean reached,
      Long timeToTargetNanos,
      Long iterationsToTarget,
      double bestMetric,
      double finalLoss,
      long iterations,
      int epochs,
      long wallNanos) {
    return new RunSummary(
        algorithm,
        topology,
        n,
        seed,
        metric,
        target,
        reached,
        timeToTargetNanos,
        iterationsToTarget,
        bestMetric,
        finalLoss,
        iterations,
        epochs,
        wallNanos,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
