package org.gossipbench.results;

/**
 * One collective priced by the α–β model (SPEC &sect;5) on a described cluster, with the model's
 * inputs beside it, so a projected number never stands without what produced it. Rows for
 * configurations measured on this machine (a fit's own observations) carry the measured time as
 * well; rows at cluster scale have none.
 *
 * @param cluster the cluster description's name (a preset, a file, or {@code this machine (T)} for
 *     the fit of transport T)
 * @param model what is communicated, e.g. {@code resnet50}, or {@code message} for a fit row
 * @param parameters the model's flat parameter count (0 for a bare message)
 * @param bytes S, the bytes per rank each iteration communicates
 * @param gpus N, ranks (one per GPU)
 * @param gpusPerNode G, ranks that share the fast intra-node links
 * @param collective op/algorithm and its topology, e.g. {@code allreduce/ring}
 * @param communicationSeconds projected communication time of one iteration
 * @param computeSeconds projected compute time of one iteration (0 for a fit row)
 * @param iterations iterations to the target the projection assumes (0 for a fit row)
 * @param trainSeconds iterations × (compute + communication); 0 for a fit row
 * @param computeBoundSeconds the training time the FLOP count alone gives (SPEC &sect;5: 8TP/(NFU)
 *     for a transformer, FLOPs per sample × samples / (NFU) for others); 0 for a fit row
 * @param intraAlphaSeconds α on intra-node links
 * @param intraBytesPerSecond 1/β on intra-node links
 * @param interAlphaSeconds α on inter-node links
 * @param interBytesPerSecond 1/β on inter-node links
 * @param costModel the counts that were priced, in words
 * @param inputs where the cluster's and the model's figures come from
 * @param measuredSeconds the time measured here for this configuration (the median over iterations
 *     of the slowest rank), null when it was not measured
 */
public record ProjectionRow(
    String cluster,
    String model,
    long parameters,
    long bytes,
    int gpus,
    int gpusPerNode,
    String collective,
    double communicationSeconds,
    double computeSeconds,
    long iterations,
    double trainSeconds,
    double computeBoundSeconds,
    double intraAlphaSeconds,
    double intraBytesPerSecond,
    double interAlphaSeconds,
    double interBytesPerSecond,
    String costModel,
    String inputs,
    Double measuredSeconds) {}
