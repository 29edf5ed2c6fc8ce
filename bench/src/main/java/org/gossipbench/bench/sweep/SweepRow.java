package org.gossipbench.bench.sweep;

/**
 * One size of a sweep, nccl-tests style. Times are the per-iteration maximum over ranks (the
 * collective ends when its last rank does), summarized over the timed iterations.
 *
 * @param bytes S: bytes per rank (for allgather, the whole gathered array)
 * @param count elements per rank
 * @param busFactor mean bus-bandwidth factor over the timed iterations (in-degree for neighbor
 *     averaging)
 * @param wrong elements, over all ranks, that differ from the known exact result; -1 when not
 *     checked
 * @param floorMicros n·S·busFactor bytes at the copy rate measured in the same run
 */
public record SweepRow(
    long bytes,
    long count,
    String dtype,
    String reduceOp,
    double medianMicros,
    double minMicros,
    double maxMicros,
    double algbwGBps,
    double busbwGBps,
    long wrong,
    double floorMicros,
    double busFactor) {

  /** Measured median over the floor. */
  public double floorRatio() {
    return floorMicros > 0 ? medianMicros / floorMicros : Double.NaN;
  }
}
