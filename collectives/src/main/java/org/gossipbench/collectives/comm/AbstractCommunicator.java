package org.gossipbench.collectives.comm;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.FloatBuf;

/**
 * What every transport shares: rank bookkeeping, payload counters, and a dissemination barrier
 * built from zero-length messages, so barriers cross the same path as data.
 */
public abstract class AbstractCommunicator implements Communicator {
  /** Tags at or above this value are reserved for the communicator's own use. */
  public static final int RESERVED_TAGS = 0x7F00_0000;

  private static final int BARRIER_TAG = RESERVED_TAGS;

  protected final int rank;
  protected final int size;
  protected final Duration timeout;
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private Request[] barrierRequests;

  protected AbstractCommunicator(int rank, int size, Duration timeout) {
    if (size < 1 || rank < 0 || rank >= size) {
      throw new IllegalArgumentException("rank " + rank + " of " + size);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    this.rank = rank;
    this.size = size;
    this.timeout = timeout;
  }

  @Override
  public final int rank() {
    return rank;
  }

  @Override
  public final int size() {
    return size;
  }

  @Override
  public final Duration timeout() {
    return timeout;
  }

  @Override
  public final long bytesSent() {
    return bytesSent.get();
  }

  @Override
  public final long bytesReceived() {
    return bytesReceived.get();
  }

  /** Called by the transport when a message of {@code bytes} has left this rank. */
  protected final void countSent(long bytes) {
    bytesSent.addAndGet(bytes);
  }

  /** Called by the transport when a message of {@code bytes} has arrived at this rank. */
  protected final void countReceived(long bytes) {
    bytesReceived.addAndGet(bytes);
  }

  protected void checkPeer(int peer) {
    if (peer < 0 || peer >= size) {
      throw new IllegalArgumentException("peer " + peer + " outside 0.." + (size - 1));
    }
  }

  /**
   * Dissemination barrier (Hensgen, Finkel and Manber): in round r every rank signals rank + 2^r
   * and waits for rank − 2^r; after ⌈log₂ n⌉ rounds everyone has heard from everyone.
   */
  @Override
  public void barrier() {
    if (size == 1) {
      return;
    }
    if (barrierRequests == null) {
      int rounds = 32 - Integer.numberOfLeadingZeros(size - 1);
      Buf empty = new FloatBuf(new float[0]);
      barrierRequests = new Request[2 * rounds];
      for (int r = 0, d = 1; r < rounds; r++, d <<= 1) {
        barrierRequests[2 * r] = sendInit(empty, 0, 0, (rank + d) % size, BARRIER_TAG + r);
        barrierRequests[2 * r + 1] =
            recvInit(empty, 0, 0, Math.floorMod(rank - d, size), BARRIER_TAG + r);
      }
    }
    for (int r = 0; r < barrierRequests.length; r += 2) {
      barrierRequests[r].start();
      barrierRequests[r + 1].start();
      barrierRequests[r + 1].await();
      barrierRequests[r].await();
    }
  }
}
