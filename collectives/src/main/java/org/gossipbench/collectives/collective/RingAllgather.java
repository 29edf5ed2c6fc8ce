package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Request;

/**
 * Ring all-gather (Thakur, Rabenseifner and Gropp 2005, "Optimization of Collective Communication
 * Operations in MPICH"; NCCL's ring): the buffer holds n blocks of {@link #count()} elements, rank
 * r contributing block r. In step s = 0..n−2 every rank sends block (rank − s) mod n, its own first
 * and then the one it received in the previous step, to rank + 1, and receives block (rank − s − 1)
 * mod n from rank − 1 directly into place. Each rank sends and receives (n−1) blocks in n−1 latency
 * steps and needs no scratch.
 *
 * <p>Blocks travel in segments. Every block is received exactly once into its own place, so all
 * receives of all steps are posted up front, and segment g of a block is forwarded as soon as it
 * has arrived, while the rest of the block is still on its way: the steps pipeline into each other.
 */
public final class RingAllgather implements Collective {
  private static final int TAG = 0x0600_0000;

  private final int count;
  private final int n;
  private final int rank;
  // [step][segment]
  private final Request[][] sends;
  private final Request[][] recvs;

  public RingAllgather(Communicator comm, Buf data, int count, int segmentElements) {
    Buf.checkRange(data, 0, Math.multiplyExact(count, comm.size()));
    if (segmentElements < 1) {
      throw new IllegalArgumentException("segment size must be positive, got " + segmentElements);
    }
    this.count = count;
    this.n = comm.size();
    this.rank = comm.rank();
    int right = (rank + 1) % n;
    int left = (rank + n - 1) % n;
    int steps = n - 1;
    int segments = Segments.segmentCount(count, segmentElements);
    this.sends = new Request[steps][segments];
    this.recvs = new Request[steps][segments];
    for (int s = 0; s < steps; s++) {
      int sendStart = Math.floorMod(rank - s, n) * count;
      int recvStart = Math.floorMod(rank - s - 1, n) * count;
      for (int g = 0; g < segments; g++) {
        int off = g * segmentElements;
        int len = Math.max(0, Math.min(segmentElements, count - off));
        sends[s][g] = comm.sendInit(data, sendStart + off, len, right, TAG + s);
        recvs[s][g] = comm.recvInit(data, recvStart + off, len, left, TAG + s);
      }
    }
  }

  @Override
  public String op() {
    return "allgather";
  }

  @Override
  public String algorithm() {
    return "ring";
  }

  /** Elements each rank contributes; the buffer holds {@code count · n}. */
  @Override
  public int count() {
    return count;
  }

  @Override
  public void run(long iteration) {
    if (n == 1) {
      return;
    }
    for (Request[] stepRecvs : recvs) {
      Request.startAll(stepRecvs);
    }
    Request.startAll(sends[0]);
    for (int s = 0; s < recvs.length; s++) {
      for (int g = 0; g < recvs[s].length; g++) {
        recvs[s][g].await();
        if (s + 1 < sends.length) {
          // The segment just received is the one this rank forwards in the next step.
          sends[s + 1][g].start();
        }
      }
    }
    for (Request[] stepSends : sends) {
      Request.awaitAll(stepSends);
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return AllgatherOp.INSTANCE.busBandwidthFactor(n, rank, null, iteration);
  }
}
