package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Request;

/**
 * Ring allreduce (Patarasuk and Yuan 2009; NCCL's ring): the buffer is cut into n blocks; in n−1
 * reduce-scatter steps every rank sends one block to rank + 1 and adds the block it receives from
 * rank − 1, after which rank r owns the reduced block r + 1; n−1 all-gather steps then pass the
 * reduced blocks around the ring. Each rank sends 2(n−1)/n · S bytes in 2(n−1) latency steps (SPEC
 * &sect;5). Within a step a block travels in segments; reduce-scatter segments are combining
 * receives (added into place as they arrive, no scratch). For {@link ReduceOp#AVG} each rank scales
 * only its own reduced block, once.
 */
public final class RingAllreduce implements Collective {
  private static final int TAG = 0x0100_0000;

  private final Communicator comm;
  private final Buf data;
  private final int count;
  private final ReduceOp reduceOp;
  private final int n;
  private final int rank;
  // [step][segment]: reduce-scatter steps 0..n-2, then all-gather steps n-1..2n-3
  private final Request[][] sends;
  private final Request[][] recvs;

  public RingAllreduce(
      Communicator comm, Buf data, int count, ReduceOp reduceOp, int segmentElements) {
    Buf.checkRange(data, 0, count);
    if (segmentElements < 1) {
      throw new IllegalArgumentException("segment size must be positive, got " + segmentElements);
    }
    this.comm = comm;
    this.data = data;
    this.count = count;
    this.reduceOp = reduceOp;
    this.n = comm.size();
    this.rank = comm.rank();
    int right = (rank + 1) % n;
    int left = (rank + n - 1) % n;
    int steps = 2 * (n - 1);
    this.sends = new Request[steps][];
    this.recvs = new Request[steps][];
    for (int s = 0; s < steps; s++) {
      boolean reduce = s < n - 1;
      int t = reduce ? s : s - (n - 1);
      int sendBlock = Math.floorMod(reduce ? rank - t : rank + 1 - t, n);
      int recvBlock = Math.floorMod(reduce ? rank - t - 1 : rank - t, n);
      int sendStart = Segments.blockStart(count, n, sendBlock);
      int sendLength = Segments.blockLength(count, n, sendBlock);
      int recvStart = Segments.blockStart(count, n, recvBlock);
      int recvLength = Segments.blockLength(count, n, recvBlock);
      // Sender and receiver cut the same block the same way; segments of one step share a tag and
      // match in order (messages with equal tags never overtake each other).
      sends[s] = new Request[Segments.segmentCount(sendLength, segmentElements)];
      recvs[s] = new Request[Segments.segmentCount(recvLength, segmentElements)];
      for (int g = 0; g < sends[s].length; g++) {
        int off = g * segmentElements;
        int len = Math.min(segmentElements, sendLength - off);
        sends[s][g] = comm.sendInit(data, sendStart + off, Math.max(0, len), right, TAG + s);
      }
      for (int g = 0; g < recvs[s].length; g++) {
        int off = g * segmentElements;
        int len = Math.max(0, Math.min(segmentElements, recvLength - off));
        // Reduce-scatter adds each segment into place as it arrives (a combining receive: one
        // pass, and no scratch); all-gather receives in place.
        recvs[s][g] =
            reduce
                ? comm.recvCombineInit(data, recvStart + off, len, left, TAG + s, 1.0, 1.0)
                : comm.recvInit(data, recvStart + off, len, left, TAG + s);
      }
    }
  }

  @Override
  public String op() {
    return "allreduce";
  }

  @Override
  public String algorithm() {
    return "ring";
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public void run(long iteration) {
    if (n == 1) {
      return;
    }
    for (int s = 0; s < sends.length; s++) {
      Request[] sr = sends[s];
      Request[] rr = recvs[s];
      for (Request r : rr) {
        r.start();
      }
      for (Request r : sr) {
        r.start();
      }
      for (int g = 0; g < rr.length; g++) {
        rr[g].await();
      }
      for (Request r : sr) {
        r.await();
      }
      if (s == n - 2 && reduceOp == ReduceOp.AVG) {
        int owned = (rank + 1) % n;
        data.scale(
            Segments.blockStart(count, n, owned), Segments.blockLength(count, n, owned), 1.0 / n);
      }
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return AllreduceOp.INSTANCE.busBandwidthFactor(n, rank, null, iteration);
  }
}
