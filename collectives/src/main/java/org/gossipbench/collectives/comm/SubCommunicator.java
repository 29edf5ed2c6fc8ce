package org.gossipbench.collectives.comm;

import java.time.Duration;
import java.util.Arrays;
import org.gossipbench.collectives.buffer.Buf;

/**
 * Some ranks of a communicator as a communicator of their own (MPI_Comm_split's result, without the
 * collective call: every member builds the same view from the same member list). Rank r here is
 * {@code members[r]} of the parent; messages go through the parent with their tags unchanged, so a
 * collective of this package runs over the subset as it runs over a whole job. Point-to-point only:
 * the parent's barrier spans every rank, so {@link #barrier()} is refused.
 */
public final class SubCommunicator implements Communicator {
  private final Communicator parent;
  private final int[] members;
  private final int rank;
  private final int tagBase;

  /**
   * @param members parent ranks, in the order they take ranks here; must hold the parent's rank
   * @param tagBase added to every tag: a multiple of 2^28 above the collectives' own tag ranges
   *     (0x0100_0000 … 0x0F00_0000), one per view a collective builds
   * @throws IllegalArgumentException if the parent's rank is not a member, or a member repeats or
   *     lies outside the parent
   */
  public SubCommunicator(Communicator parent, int[] members, int tagBase) {
    if (tagBase <= 0 || (tagBase & 0x0FFF_FFFF) != 0) {
      throw new IllegalArgumentException(
          "tag base " + Integer.toHexString(tagBase) + " is not a positive multiple of 0x10000000");
    }
    this.tagBase = tagBase;
    this.parent = parent;
    this.members = members.clone();
    int me = -1;
    boolean[] seen = new boolean[parent.size()];
    for (int r = 0; r < this.members.length; r++) {
      int m = this.members[r];
      if (m < 0 || m >= parent.size() || seen[m]) {
        throw new IllegalArgumentException(
            "members " + Arrays.toString(members) + " of " + parent.size() + " ranks");
      }
      seen[m] = true;
      if (m == parent.rank()) {
        me = r;
      }
    }
    if (me < 0) {
      throw new IllegalArgumentException(
          "rank " + parent.rank() + " is not among members " + Arrays.toString(members));
    }
    this.rank = me;
  }

  @Override
  public int rank() {
    return rank;
  }

  @Override
  public int size() {
    return members.length;
  }

  /** The parent rank of rank {@code r} here. */
  public int parentRank(int r) {
    return members[r];
  }

  @Override
  public String transport() {
    return parent.transport();
  }

  @Override
  public Duration timeout() {
    return parent.timeout();
  }

  @Override
  public Request sendInit(Buf buf, int offset, int count, int peer, int tag) {
    return parent.sendInit(buf, offset, count, members[peer], tagBase + tag);
  }

  @Override
  public Request recvInit(Buf buf, int offset, int count, int peer, int tag) {
    return parent.recvInit(buf, offset, count, members[peer], tagBase + tag);
  }

  @Override
  public Request recvCombineInit(
      Buf buf, int offset, int count, int peer, int tag, double selfWeight, double weight) {
    return parent.recvCombineInit(
        buf, offset, count, members[peer], tagBase + tag, selfWeight, weight);
  }

  @Override
  public void barrier() {
    throw new UnsupportedOperationException(
        "a barrier over " + members.length + " of " + parent.size() + " ranks is not supported");
  }

  @Override
  public long bytesSent() {
    return parent.bytesSent();
  }

  @Override
  public long bytesReceived() {
    return parent.bytesReceived();
  }

  @Override
  public void abort(Throwable cause) {
    parent.abort(cause);
  }

  /** The parent stays open: it belongs to whoever made it. */
  @Override
  public void close() {}
}
