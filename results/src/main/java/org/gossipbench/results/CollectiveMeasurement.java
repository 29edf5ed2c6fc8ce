package org.gossipbench.results;

/**
 * One timed iteration of one collective on one rank (nccl-tests conventions, SPEC &sect;5).
 *
 * @param op {@code allreduce}, {@code neighbor-average}, {@code broadcast}, {@code allgather}, …
 * @param algorithm {@code ring}, {@code halving-doubling}, {@code parameter-server}, …
 * @param transport {@code local}, {@code tcp}, {@code mpi}, {@code nccl}
 * @param topology canonical topology spec (for global averaging the graph it runs over, e.g. {@code
 *     fully-connected})
 * @param n nodes in the topology
 * @param ranks world size
 * @param rank the rank that measured
 * @param bytes message bytes per rank (S)
 * @param count elements per rank
 * @param dtype element type, {@code float32} or {@code float64}
 * @param iteration timed iteration number, from 0 (warm-up iterations are not logged)
 * @param timeNanos wall time of the collective on this rank
 * @param algbwGBps S / t in GB/s (10^9 bytes per second)
 * @param busbwGBps algbw times the operation's bus factor (SPEC &sect;5)
 * @param bytesSent bytes this rank sent in this iteration
 * @param bytesReceived bytes this rank received in this iteration
 * @param wrong elements that differ from the known exact result
 */
public record CollectiveMeasurement(
    String op,
    String algorithm,
    String transport,
    String topology,
    int n,
    int ranks,
    int rank,
    long bytes,
    long count,
    String dtype,
    long iteration,
    long timeNanos,
    double algbwGBps,
    double busbwGBps,
    long bytesSent,
    long bytesReceived,
    long wrong) {}
