package org.gossipbench.collectives.collective;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Request;

/**
 * Binomial-tree broadcast (Thakur, Rabenseifner and Gropp 2005, "Optimization of Collective
 * Communication Operations in MPICH"), segmented and pipelined. Ranks are renumbered relative to
 * the root, v = (rank − root) mod n; the parent of v ≠ 0 is v with its lowest set bit cleared, and
 * its children are v + 2^k for every 2^k below that bit (every 2^k &lt; n for the root) with v +
 * 2^k &lt; n, so the data reaches everyone in ⌈log₂ n⌉ hops. A rank forwards to its children
 * largest subtree first, as MPICH does.
 *
 * <p>The buffer travels in segments: a non-root rank posts the receives of all segments from its
 * parent at once, directly into place, and as soon as segment g has arrived forwards it to its
 * children while segment g + 1 is still arriving, so a deep tree streams instead of waiting for
 * whole buffers. No scratch is needed. Every non-root rank receives S bytes; a rank sends S bytes
 * to each child (the root ⌈log₂ n⌉ · S).
 */
public final class BinomialBroadcast implements Collective {
  private static final int TAG = 0x0500_0000;

  private final int count;
  private final int n;
  private final int rank;
  private final boolean isRoot;
  private final Request[] recvs; // [segment], from the parent; empty at the root
  private final Request[][] sends; // [segment][child], largest subtree first

  public BinomialBroadcast(Communicator comm, Buf data, int count, int root, int segmentElements) {
    Buf.checkRange(data, 0, count);
    if (segmentElements < 1) {
      throw new IllegalArgumentException("segment size must be positive, got " + segmentElements);
    }
    this.n = comm.size();
    if (root < 0 || root >= n) {
      throw new IllegalArgumentException("root " + root + " outside 0.." + (n - 1));
    }
    this.count = count;
    this.rank = comm.rank();
    int v = Math.floorMod(rank - root, n);
    this.isRoot = v == 0;
    int lowBit = v & -v;
    int children = 0;
    for (int m = 1; m < n; m <<= 1) {
      if ((isRoot || m < lowBit) && v + m < n) {
        children++;
      }
    }
    int[] childRanks = new int[children];
    int c = 0;
    for (int m = Integer.highestOneBit(n); m >= 1; m >>= 1) {
      if (m < n && (isRoot || m < lowBit) && v + m < n) {
        childRanks[c++] = (v + m + root) % n;
      }
    }
    int parent = (v - lowBit + root) % n;
    int segments = Segments.segmentCount(count, segmentElements);
    this.recvs = new Request[isRoot ? 0 : segments];
    this.sends = new Request[segments][children];
    for (int g = 0; g < segments; g++) {
      int off = g * segmentElements;
      int len = Math.max(0, Math.min(segmentElements, count - off));
      if (!isRoot) {
        recvs[g] = comm.recvInit(data, off, len, parent, TAG);
      }
      for (int k = 0; k < children; k++) {
        sends[g][k] = comm.sendInit(data, off, len, childRanks[k], TAG);
      }
    }
  }

  @Override
  public String op() {
    return "broadcast";
  }

  @Override
  public String algorithm() {
    return "binomial";
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
    if (isRoot) {
      for (Request[] segmentSends : sends) {
        Request.startAll(segmentSends);
      }
    } else {
      Request.startAll(recvs);
      for (int g = 0; g < recvs.length; g++) {
        recvs[g].await();
        Request.startAll(sends[g]);
      }
    }
    for (Request[] segmentSends : sends) {
      Request.awaitAll(segmentSends);
    }
  }

  @Override
  public double busBandwidthFactor(long iteration) {
    return BroadcastOp.INSTANCE.busBandwidthFactor(n, rank, null, iteration);
  }
}
