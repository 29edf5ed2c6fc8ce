package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Request;

/**
 * Recursive-doubling allreduce (Thakur, Rabenseifner and Gropp 2005, MPICH's choice for short
 * messages): in step i every rank swaps its whole buffer with the partner at distance 2^i and adds
 * what it receives, so after log₂ p steps every rank holds the sum. It sends log₂ p · S bytes per
 * rank, more than the ring's 2(n−1)/n · S, but in log₂ p dependent steps instead of 2(n−1): the
 * algorithm for messages small enough that the steps' start-up and wake-up, not the bytes, set the
 * time.
 *
 * <p>Both partners of a step add the same two partial sums, in opposite order; float addition is
 * commutative, so every rank ends with the same bits. For n not a power of two the 2(n−p) lowest
 * ranks fold pairwise first, exactly as {@link HalvingDoublingAllreduce} does, and the odd rank
 * sends the result back at the end.
 *
 * <p>A step's data is sent from and reduced into the same buffer, so the arrival goes through a
 * scratch buffer of two segments, and each segment is added only once the partner has taken this
 * rank's copy of it (its send has completed): the send buffer is never written while in flight.
 */
public final class RecursiveDoublingAllreduce implements Collective {
  private static final int TAG = 0x0400_0000;

  private final Buf data;
  private final int count;
  private final ReduceOp reduceOp;
  private final int n;
  private final int rank;
  private final int segment;

  /** Virtual rank in the power-of-two phase, or −1 for an even rank that folded its data away. */
  private final int vrank;

  private final Buf scratch;
  private final Request[] foldSends;
  private final Request[] foldRecvs;
  private final Request[] unfoldSends;
  private final Request[] unfoldRecvs;
  // [step][segment]
  private final Request[][] sends;
  private final Request[][] recvs;

  public RecursiveDoublingAllreduce(
      Communicator comm, Buf data, int count, ReduceOp reduceOp, int segmentElements) {
    Buf.checkRange(data, 0, count);
    if (segmentElements < 1) {
      throw new IllegalArgumentException("segment size must be positive, got " + segmentElements);
    }
    this.data = data;
    this.count = count;
    this.reduceOp = reduceOp;
    this.n = comm.size();
    this.segment = segmentElements;
    int p = Integer.highestOneBit(n);
    this.rank = comm.rank();
    int rem = n - p;
    boolean folded = rank < 2 * rem && rank % 2 == 0;
    boolean foldTarget = rank < 2 * rem && rank % 2 == 1;
    this.vrank = folded ? -1 : foldTarget ? rank / 2 : rank - rem;
    int steps = Integer.numberOfTrailingZeros(p);
    this.scratch = Buf.allocate(data.dtype(), Math.min(2 * segment, folded ? 0 : count));

    int foldTag = TAG;
    int unfoldTag = TAG + 1 + steps;
    this.foldSends = folded ? segmented(comm, true, data, rank + 1, foldTag) : null;
    this.unfoldRecvs = folded ? segmented(comm, false, data, rank + 1, unfoldTag) : null;
    this.foldRecvs = foldTarget ? reducing(comm, rank - 1, foldTag) : null;
    this.unfoldSends = foldTarget ? segmented(comm, true, data, rank - 1, unfoldTag) : null;

    int phaseSteps = folded ? 0 : steps;
    this.sends = new Request[phaseSteps][];
    this.recvs = new Request[phaseSteps][];
    for (int s = 0; s < phaseSteps; s++) {
      int partnerV = vrank ^ (1 << s);
      int partner = partnerV < rem ? 2 * partnerV + 1 : partnerV + rem;
      sends[s] = segmented(comm, true, data, partner, TAG + 1 + s);
      recvs[s] = reducing(comm, partner, TAG + 1 + s);
    }
  }

  private Request[] segmented(Communicator comm, boolean send, Buf buf, int peer, int tag) {
    Request[] r = new Request[Segments.segmentCount(count, segment)];
    for (int g = 0; g < r.length; g++) {
      int off = g * segment;
      int len = Math.max(0, Math.min(segment, count - off));
      r[g] =
          send ? comm.sendInit(buf, off, len, peer, tag) : comm.recvInit(buf, off, len, peer, tag);
    }
    return r;
  }

  /** Receives of the whole buffer to be added: segment g lands in scratch slot g mod 2. */
  private Request[] reducing(Communicator comm, int peer, int tag) {
    Request[] r = new Request[Segments.segmentCount(count, segment)];
    for (int g = 0; g < r.length; g++) {
      int len = Math.max(0, Math.min(segment, count - g * segment));
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
    return "recursive-doubling";
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
      exchangeAndAdd(null, foldRecvs);
    }
    for (int s = 0; s < sends.length; s++) {
      Request.startAll(sends[s]);
      exchangeAndAdd(sends[s], recvs[s]);
    }
    if (reduceOp == ReduceOp.AVG) {
      data.scale(0, count, 1.0 / n);
    }
    if (unfoldSends != null) {
      Request.startAll(unfoldSends);
      Request.awaitAll(unfoldSends);
    }
  }

  /**
   * Receives the partner's buffer segment by segment through the two scratch slots and adds each
   * into data once this rank's own copy of that segment has been taken ({@code sent}, when there
   * are sends of it in flight); a slot is re-posted only after its segment has been added.
   */
  private void exchangeAndAdd(Request[] sent, Request[] rr) {
    for (int g = 0; g < Math.min(2, rr.length); g++) {
      rr[g].start();
    }
    for (int g = 0; g < rr.length; g++) {
      rr[g].await();
      if (sent != null) {
        sent[g].await();
      }
      int off = g * segment;
      data.add(off, scratch, (g % 2) * segment, Math.max(0, Math.min(segment, count - off)));
      if (g + 2 < rr.length) {
        rr[g + 2].start();
      }
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return AllreduceOp.INSTANCE.busBandwidthFactor(n, rank, null, iteration);
  }
}
