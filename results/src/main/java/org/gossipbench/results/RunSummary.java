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
    long wallNanos) {}
