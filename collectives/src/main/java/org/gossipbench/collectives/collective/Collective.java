package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.comm.CommunicatorException;

/**
 * One collective operation planned for a fixed buffer range on one rank (like an NCCL/MPI
 * persistent collective): construction allocates every scratch buffer and persistent request it
 * will need, and {@link #run(long)} allocates nothing. Every rank of the communicator must build
 * the same collective (op, algorithm, count, options) and call {@code run} with the same iteration,
 * in the same order as its other collectives.
 *
 * <p>Buffer conventions (elements, in place):
 *
 * <ul>
 *   <li>allreduce, neighbor-average, broadcast: {@code data[0, count)} is input and output;
 *   <li>allgather: {@code data[0, count·n)}; rank r's input is block r, {@code [r·count,
 *       (r+1)·count)}.
 * </ul>
 */
public interface Collective {

  /**
   * The name of the {@link CollectiveOp} this computes: {@code allreduce}, {@code
   * neighbor-average}, {@code broadcast}, {@code allgather}.
   */
  String op();

  /** The algorithm: {@code ring}, {@code halving-doubling}, {@code parameter-server}, … */
  String algorithm();

  /** Elements per rank (for allgather, the block each rank contributes). */
  int count();

  /**
   * Runs the collective once. {@code iteration} selects W^(k) for neighbor averaging over a
   * time-varying topology and is ignored by the others.
   *
   * @throws CommunicatorException if a peer fails or times out
   */
  void run(long iteration);

  /**
   * The nccl-tests bus-bandwidth factor (SPEC &sect;5): busbw = algbw · factor, e.g. 2(n−1)/n for
   * allreduce; for neighbor averaging the in-degree at this iteration (bytes actually received per
   * byte of message). It is the op's, {@link CollectiveOp#busBandwidthFactor}, for this rank, not
   * the algorithm's: every algorithm of an op reports the same factor.
   */
  double busBandwidthFactor(long iteration);

  /**
   * Whether {@link #run} works on the device copy of its buffer (a {@link
   * org.gossipbench.collectives.buffer.DeviceBuffer} whose mirror it was built on) and leaves the
   * host mirror alone: the caller uploads inputs before and downloads results after. False for
   * every collective of this package, which compute on the memory they were given.
   */
  default boolean onDevice() {
    return false;
  }
}
