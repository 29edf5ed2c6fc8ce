package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Request;

/**
 * Allreduce through a central parameter server (Li et al. 2014, "Scaling Distributed Machine
 * Learning with the Parameter Server"), the baseline the decentralized algorithms are measured
 * against: rank 0 is the server and every other rank a worker. Per segment, every worker sends its
 * segment to the server; the server adds them into its own buffer (its own data is part of the sum)
 * and sends the reduced segment back to every worker. A worker sends and receives S bytes; the
 * server receives and sends (n−1) · S, so its link is the bottleneck.
 *
 * <p>Workers post all their sends and receives up front, so segments pipeline: while the server
 * reduces segment g, segment g + 1 is already on its way and segment g − 1 on its way back. A
 * worker receives the result into the range it sent from; the reduced segment g can only arrive
 * after the server has received this worker's segment g, so the receive never overwrites data a
 * send still has to read. The server's scratch is one segment per worker, (n−1) segments, each slot
 * re-posted once its segment has been added. The sum runs in a fixed order: the server's own data,
 * then the workers by ascending rank. For {@link ReduceOp#AVG} the server scales each reduced
 * segment once, before sending it back.
 */
public final class ParameterServerAllreduce implements Collective {
  private static final int TAG = 0x0400_0000;
  private static final int SERVER = 0;

  private final Buf data;
  private final int count;
  private final ReduceOp reduceOp;
  private final int n;
  private final int rank;
  private final int segment;
  private final int slot;
  private final Buf scratch;
  // Server: [segment][worker − 1]; a worker: [segment][0], the server being its only peer.
  private final Request[][] sends;
  private final Request[][] recvs;

  public ParameterServerAllreduce(
      Communicator comm, Buf data, int count, ReduceOp reduceOp, int segmentElements) {
    Buf.checkRange(data, 0, count);
    if (segmentElements < 1) {
      throw new IllegalArgumentException("segment size must be positive, got " + segmentElements);
    }
    this.data = data;
    this.count = count;
    this.reduceOp = reduceOp;
    this.n = comm.size();
    this.rank = comm.rank();
    this.segment = segmentElements;
    this.slot = Math.min(segment, count);
    int segments = Segments.segmentCount(count, segment);
    int peers = rank == SERVER ? n - 1 : 1;
    this.scratch = Buf.allocate(data.dtype(), rank == SERVER ? (n - 1) * slot : 0);
    this.sends = new Request[segments][peers];
    this.recvs = new Request[segments][peers];
    for (int g = 0; g < segments; g++) {
      int off = g * segment;
      int len = Math.max(0, Math.min(segment, count - off));
      if (rank == SERVER) {
        for (int w = 1; w < n; w++) {
          recvs[g][w - 1] = comm.recvInit(scratch, (w - 1) * slot, len, w, TAG);
          sends[g][w - 1] = comm.sendInit(data, off, len, w, TAG + 1);
        }
      } else {
        sends[g][0] = comm.sendInit(data, off, len, SERVER, TAG);
        recvs[g][0] = comm.recvInit(data, off, len, SERVER, TAG + 1);
      }
    }
  }

  @Override
  public String op() {
    return "allreduce";
  }

  @Override
  public String algorithm() {
    return "parameter-server";
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
    if (rank == SERVER) {
      serve();
      return;
    }
    for (Request[] r : sends) {
      r[0].start();
    }
    for (Request[] r : recvs) {
      r[0].start();
    }
    for (Request[] r : sends) {
      r[0].await();
    }
    for (Request[] r : recvs) {
      r[0].await();
    }
  }

  private void serve() {
    Request.startAll(recvs[0], n - 1);
    for (int g = 0; g < recvs.length; g++) {
      int off = g * segment;
      int len = Math.max(0, Math.min(segment, count - off));
      for (int w = 0; w < n - 1; w++) {
        recvs[g][w].await();
        data.add(off, scratch, w * slot, len);
      }
      if (g + 1 < recvs.length) {
        Request.startAll(recvs[g + 1], n - 1);
      }
      if (reduceOp == ReduceOp.AVG) {
        data.scale(off, len, 1.0 / n);
      }
      // data[off, +len) is final; it goes back while the next segment is reduced.
      Request.startAll(sends[g], n - 1);
    }
    for (Request[] r : sends) {
      Request.awaitAll(r, n - 1);
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return AllreduceOp.INSTANCE.busBandwidthFactor(n, rank, null, iteration);
  }
}
