package org.gossipbench.collectives.transport.nccl;

import org.gossipbench.collectives.collective.Segments;

/**
 * The block arithmetic of a ring allreduce (reduce-scatter, then all-gather) of {@code count}
 * elements over {@code n} ranks, the same blocks as {@link
 * org.gossipbench.collectives.collective.RingAllreduce}'s ({@link Segments#blockStart}): in
 * reduce-scatter step s rank r sends block (r − s) mod n to r + 1 and receives block (r − s − 1)
 * mod n from r − 1, which it adds to its own; after n − 1 steps it holds the sum of block (r + 1)
 * mod n. In all-gather step s it sends block (r + 1 − s) mod n and receives block (r − s) mod n in
 * place. Sender and receiver of one step name the same block, so both agree on its length (and on
 * skipping it when empty). Pure arithmetic, tested without a GPU.
 */
final class RingSchedule {
  private final int count;
  private final int n;
  private final int rank;

  RingSchedule(int count, int n, int rank) {
    if (n < 1 || rank < 0 || rank >= n || count < 0) {
      throw new IllegalArgumentException("rank " + rank + " of " + n + ", count " + count);
    }
    this.count = count;
    this.n = n;
    this.rank = rank;
  }

  int steps() {
    return n - 1;
  }

  int next() {
    return (rank + 1) % n;
  }

  int previous() {
    return (rank + n - 1) % n;
  }

  int reduceScatterSendBlock(int step) {
    return Math.floorMod(rank - step, n);
  }

  int reduceScatterRecvBlock(int step) {
    return Math.floorMod(rank - step - 1, n);
  }

  /** The block this rank holds fully reduced after reduce-scatter. */
  int ownedBlock() {
    return (rank + 1) % n;
  }

  int allGatherSendBlock(int step) {
    return Math.floorMod(rank + 1 - step, n);
  }

  int allGatherRecvBlock(int step) {
    return Math.floorMod(rank - step, n);
  }

  int blockStart(int block) {
    return Segments.blockStart(count, n, block);
  }

  int blockLength(int block) {
    return Segments.blockLength(count, n, block);
  }

  /** The longest block: the scratch a reduce-scatter step receives into. */
  int maxBlockLength() {
    int max = 0;
    for (int b = 0; b < n; b++) {
      max = Math.max(max, blockLength(b));
    }
    return max;
  }
}
