package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Request;

/**
 * Rabenseifner's allreduce (Rabenseifner 2004; Thakur, Rabenseifner and Gropp 2005, "Optimization
 * of Collective Communication Operations in MPICH"): a reduce-scatter by recursive halving followed
 * by an all-gather by recursive doubling among p ranks, p the largest power of two not above n.
 *
 * <p>The buffer is cut into p blocks. In halving step i (distance p/2, p/4, …, 1) every
 * participating rank exchanges half of its current range with the partner at that distance: it
 * sends the half the partner keeps and adds the half it receives, so after log₂ p steps virtual
 * rank v owns the reduced block v. Doubling steps (distance 1, 2, …, p/2) then swap the owned
 * ranges until every rank holds everything. Each rank sends 2(p−1)/p · S bytes in 2 log₂ p latency
 * steps.
 *
 * <p>For n not a power of two the 2(n−p) lowest ranks first fold pairwise: each even rank sends its
 * whole buffer to the odd rank above it, which adds it and takes part in the power-of-two phase as
 * virtual rank rank/2 (ranks from 2(n−p) up become rank − (n−p)); at the end the odd rank sends the
 * result back. The even ranks sit out in between.
 *
 * <p>Messages travel in segments. Received data that is reduced goes through a scratch buffer of
 * two segments (at most the largest reduced message), each segment added while the next is in
 * flight; all-gather and fold-back data is received in place. For {@link ReduceOp#AVG} each rank
 * scales only its own reduced block, once, right after the reduce-scatter.
 */
public final class HalvingDoublingAllreduce implements Collective {
  private static final int TAG = 0x0300_0000;

  private final Communicator comm;
  private final Buf data;
  private final int count;
  private final ReduceOp reduceOp;
  private final int n;
  private final int segment;
  private final int p;

  /** Virtual rank in the power-of-two phase, or −1 for an even rank that folded its data away. */
  private final int vrank;

  private final Buf scratch;
  // Fold: an even rank of the 2(n-p) lowest sends everything up and later receives the result.
  private final Request[] foldSends;
  private final Request[] foldRecvs;
  private final Request[] unfoldSends;
  private final Request[] unfoldRecvs;
  // [step][segment]: halving steps 0..L-1, then doubling steps L..2L-1, L = log2 p
  private final Request[][] sends;
  private final Request[][] recvs;
  private final int[] recvStarts;
  private final int[] recvLengths;

  public HalvingDoublingAllreduce(
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
    this.segment = segmentElements;
    this.p = Integer.highestOneBit(n);
    int rank = comm.rank();
    int rem = n - p;
    boolean folded = rank < 2 * rem && rank % 2 == 0;
    boolean foldTarget = rank < 2 * rem && rank % 2 == 1;
    this.vrank = folded ? -1 : foldTarget ? rank / 2 : rank - rem;
    int steps = Integer.numberOfTrailingZeros(p);

    // The fold receives the whole buffer; the first halving step receives the largest half.
    int largestReduced = foldTarget ? count : 0;
    for (int i = 0; i < steps && !folded; i++) {
      largestReduced = Math.max(largestReduced, range(vrank, p >> (i + 1))[1]);
    }
    this.scratch = Buf.allocate(data.dtype(), Math.min(2 * segment, largestReduced));

    int foldTag = TAG;
    int unfoldTag = TAG + 1 + 2 * steps;
    this.foldSends = folded ? segmented(true, data, 0, count, rank + 1, foldTag) : null;
    this.unfoldRecvs = folded ? segmented(false, data, 0, count, rank + 1, unfoldTag) : null;
    this.foldRecvs = foldTarget ? reducing(0, count, rank - 1, foldTag) : null;
    this.unfoldSends = foldTarget ? segmented(true, data, 0, count, rank - 1, unfoldTag) : null;

    int phaseSteps = folded ? 0 : 2 * steps;
    this.sends = new Request[phaseSteps][];
    this.recvs = new Request[phaseSteps][];
    this.recvStarts = new int[phaseSteps];
    this.recvLengths = new int[phaseSteps];
    for (int s = 0; s < phaseSteps; s++) {
      boolean halving = s < steps;
      // Halving uses distances p/2 .. 1, doubling 1 .. p/2.
      int mask = halving ? p >> (s + 1) : 1 << (s - steps);
      int partnerV = vrank ^ mask;
      int partner = partnerV < rem ? 2 * partnerV + 1 : partnerV + rem;
      int[] mine = range(vrank, mask);
      int[] theirs = range(partnerV, mask);
      // Halving sends the half the partner keeps and reduces the half this rank keeps; doubling
      // sends what this rank owns and receives what the partner owns, in place.
      int[] out = halving ? theirs : mine;
      int[] in = halving ? mine : theirs;
      recvStarts[s] = in[0];
      recvLengths[s] = in[1];
      sends[s] = segmented(true, data, out[0], out[1], partner, TAG + 1 + s);
      recvs[s] =
          halving
              ? reducing(in[0], in[1], partner, TAG + 1 + s)
              : segmented(false, data, in[0], in[1], partner, TAG + 1 + s);
    }
  }

  /**
   * The element range {start, length} of the {@code mask} blocks that virtual rank v holds while
   * exchanging with the partner at distance mask: blocks [v with its low bits cleared, + mask).
   */
  private int[] range(int v, int mask) {
    int first = v & ~(mask - 1);
    int start = Segments.blockStart(count, p, first);
    return new int[] {start, Segments.blockStart(count, p, first + mask) - start};
  }

  /** Persistent requests moving buf[start, +length) in segments (one, possibly empty, at least). */
  private Request[] segmented(boolean send, Buf buf, int start, int length, int peer, int tag) {
    Request[] r = new Request[Segments.segmentCount(length, segment)];
    for (int g = 0; g < r.length; g++) {
      int off = g * segment;
      int len = Math.max(0, Math.min(segment, length - off));
      r[g] =
          send
              ? comm.sendInit(buf, start + off, len, peer, tag)
              : comm.recvInit(buf, start + off, len, peer, tag);
    }
    return r;
  }

  /** Receives of data[start, +length) to be added: segment g lands in scratch slot g mod 2. */
  private Request[] reducing(int start, int length, int peer, int tag) {
    Request[] r = new Request[Segments.segmentCount(length, segment)];
    for (int g = 0; g < r.length; g++) {
      int off = g * segment;
      int len = Math.max(0, Math.min(segment, length - off));
      r[g] = comm.recvInit(scratch, (g % 2) * segment, len, peer, tag);
    }
    return r;
  }

  @Override
  public String op() {
    return "allreduce";
  }

  @Override
  public String algorithm() {
    return "halving-doubling";
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
    if (vrank < 0) {
      Request.startAll(foldSends);
      Request.awaitAll(foldSends);
      Request.startAll(unfoldRecvs);
      Request.awaitAll(unfoldRecvs);
      return;
    }
    if (foldRecvs != null) {
      receiveAndAdd(foldRecvs, 0, count);
    }
    int steps = sends.length / 2;
    for (int s = 0; s < sends.length; s++) {
      boolean halving = s < steps;
      if (halving) {
        Request.startAll(sends[s]);
        receiveAndAdd(recvs[s], recvStarts[s], recvLengths[s]);
      } else {
        Request.startAll(recvs[s]);
        Request.startAll(sends[s]);
        Request.awaitAll(recvs[s]);
      }
      Request.awaitAll(sends[s]);
      if (s == steps - 1 && reduceOp == ReduceOp.AVG) {
        data.scale(
            Segments.blockStart(count, p, vrank), Segments.blockLength(count, p, vrank), 1.0 / n);
      }
    }
    if (unfoldSends != null) {
      Request.startAll(unfoldSends);
      Request.awaitAll(unfoldSends);
    }
  }

  /**
   * Receives data[start, +length) segment by segment through the two scratch slots, adding each
   * while the next is in flight; a slot is re-posted only after its segment has been added.
   */
  private void receiveAndAdd(Request[] rr, int start, int length) {
    for (int g = 0; g < Math.min(2, rr.length); g++) {
      rr[g].start();
    }
    for (int g = 0; g < rr.length; g++) {
      rr[g].await();
      int off = g * segment;
      data.add(
          start + off, scratch, (g % 2) * segment, Math.max(0, Math.min(segment, length - off)));
      if (g + 2 < rr.length) {
        rr[g + 2].start();
      }
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return AllreduceOp.INSTANCE.busBandwidthFactor(n, comm.rank(), null, iteration);
  }
}
