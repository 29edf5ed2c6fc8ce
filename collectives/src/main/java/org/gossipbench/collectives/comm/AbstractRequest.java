package org.gossipbench.collectives.comm;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.gossipbench.collectives.buffer.Buf;

/**
 * What every transport's persistent request shares: the message's description, the completion flag
 * and error, and {@link #await()}, which spins briefly, yields for up to a millisecond ({@code
 * -Dgossipbench.yieldNanos}) and then parks in short slices until the operation completes, the job
 * fails, or the timeout passes, doing the transport's {@link #progress} work meanwhile. Transports
 * supply where the waiting thread is recorded (so completion can unpark it), what a job failure
 * looks like, and how an operation is abandoned on timeout.
 */
public abstract class AbstractRequest implements Request {
  private static final int SPINS = 200;
  private static final long PARK_SLICE_NANOS = 10_000_000L;
  // How long a wait yields before it parks; a system property so the trade can be re-measured.
  private static final long YIELD_NANOS = Long.getLong("gossipbench.yieldNanos", 1_000_000L);

  // The message's description: immutable, read by the transports' I/O threads.
  public final boolean isSend;
  public final Buf buf;
  public final int offset;
  public final int count;
  public final int peer;
  public final int tag;

  /** A combining receive: buf = selfWeight · buf + weight · message. */
  public final boolean combine;

  public final double selfWeight;
  public final double weight;
  protected volatile boolean complete = true;
  protected volatile String error;

  protected AbstractRequest(
      boolean isSend,
      Buf buf,
      int offset,
      int count,
      int peer,
      int tag,
      boolean combine,
      double selfWeight,
      double weight) {
    this.isSend = isSend;
    this.buf = buf;
    this.offset = offset;
    this.count = count;
    this.peer = peer;
    this.tag = tag;
    this.combine = combine;
    this.selfWeight = selfWeight;
    this.weight = weight;
  }

  /** The rank that owns this request, for messages. */
  protected abstract int ownerRank();

  protected abstract Duration timeout();

  /** Records (or, with null, clears) the thread about to park in {@link #await()}. */
  protected abstract void setWaiter(Thread thread);

  /** Unparks the recorded waiting thread, if any; called after completion. */
  protected abstract void wakeWaiter();

  /** A failure of the job that should end the wait at once, or null. */
  protected abstract RuntimeException failureWhileWaiting();

  /**
   * Called once the timeout has passed: the transport makes sure nothing touches the buffer later
   * and may add context to the message (e.g. which ranks were not communicating).
   */
  protected abstract String abandonAfterTimeout(String message);

  /**
   * Marks the operation done (with {@link #error} already set if it failed) and wakes the waiter.
   */
  protected final void markComplete() {
    complete = true;
    wakeWaiter();
  }

  /** Throws if the request is still in flight; resets it for a new start. */
  protected final void beginStart() {
    if (!complete) {
      throw new IllegalStateException("request started again before it completed");
    }
    complete = false;
    error = null;
  }

  @Override
  public final boolean isComplete() {
    return complete;
  }

  /**
   * Work the waiting thread can do for its transport while it waits, called on every turn of the
   * wait loop: the in-process transport copies arrivals there, so each rank copies its own messages
   * in parallel with the others. {@code late} is false while spinning briefly and true once the
   * wait has gone on longer (yielding or parking). Nothing by default.
   */
  protected void progress(boolean late) {}

  @Override
  public final void await() {
    for (int i = 0; i < SPINS && !complete; i++) {
      progress(false);
      if (!complete) {
        Thread.onSpinWait();
      }
    }
    if (!complete) {
      // Yield before parking: with more ranks than cores (n threads on 2 cores here) the peer
      // this rank waits for is often runnable but not running, and a park costs a futex wake-up
      // (tens of µs on this machine) where a yield hands it the core at once.
      long yieldUntil = System.nanoTime() + YIELD_NANOS;
      while (!complete && System.nanoTime() - yieldUntil < 0) {
        progress(true);
        if (!complete) {
          Thread.yield();
        }
      }
    }
    if (!complete) {
      long deadline = System.nanoTime() + timeout().toNanos();
      setWaiter(Thread.currentThread());
      try {
        while (true) {
          // the waiter is recorded before this check, so work handed over later unparks it
          progress(true);
          if (complete) {
            break;
          }
          RuntimeException failure = failureWhileWaiting();
          if (failure != null) {
            throw failure;
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            String message =
                "rank "
                    + ownerRank()
                    + ": timed out after "
                    + timeout().toMillis() / 1000.0
                    + " s waiting for rank "
                    + peer
                    + (isSend ? " to receive" : " to send")
                    + " (tag "
                    + tag
                    + ")";
            throw new CommunicatorException(abandonAfterTimeout(message));
          }
          LockSupport.parkNanos(this, Math.min(left, PARK_SLICE_NANOS));
        }
      } finally {
        setWaiter(null);
      }
    }
    String e = error;
    if (e != null) {
      throw new CommunicatorException(e);
    }
  }
}
