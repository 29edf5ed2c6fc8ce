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
    long elapsedNanos) {}
