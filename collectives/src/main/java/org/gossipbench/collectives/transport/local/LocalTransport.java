package org.gossipbench.collectives.transport.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.comm.AbstractCommunicator;
import org.gossipbench.collectives.comm.AbstractRequest;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.comm.Request;

/**
 * The in-process transport: n ranks as n threads of one JVM. Every message goes through the same
 * send/receive matching a network transport performs (per ordered pair of ranks, FIFO per tag), and
 * the payload is copied once from the sender's buffer into the receiver's (rendezvous, like a
 * shared-memory MPI transport with single-copy), so byte counts and copy costs are honest.
 *
 * <p>The receiver copies (like single-copy shared memory, where the receiver reads the sender's
 * pages): a receive posted after its message copies at once; a send that finds its receive waiting
 * hands the copy to the receiving rank, which performs it on its own thread while it waits for
 * anything, so every rank copies its own arrivals in parallel instead of the later of two ranks
 * doing both directions' copies. A sender whose copy has not been taken by the time its own wait
 * runs long takes it back and copies itself, so a receiver busy elsewhere never stalls it. A
 * waiting rank spins briefly, yields, then parks; waits are bounded by the timeout and end at once
 * when any rank aborts the job.
 */
public final class LocalTransport {

  private final int size;
  private final Duration timeout;
  private final Channel[] channels; // [src * size + dst]
  private final LocalCommunicator[] communicators;
  private volatile String failure;
  private volatile Throwable failureCause;

  private LocalTransport(int size, Duration timeout) {
    if (size < 1) {
      throw new IllegalArgumentException("ranks must be at least 1, got " + size);
    }
    this.size = size;
    this.timeout = timeout;
    this.channels = new Channel[size * size];
    for (int c = 0; c < channels.length; c++) {
      channels[c] = new Channel();
    }
    this.communicators = new LocalCommunicator[size];
    for (int r = 0; r < size; r++) {
      communicators[r] = new LocalCommunicator(r);
    }
  }

  public static LocalTransport create(int ranks, Duration timeout) {
    return new LocalTransport(ranks, timeout);
  }

  public int size() {
    return size;
  }

  public Communicator communicator(int rank) {
    return communicators[rank];
  }

  /**
   * Runs {@code body} once per rank, each on its own thread, and waits for all. If a rank throws,
   * the job is aborted so the others fail promptly instead of waiting for a timeout.
   *
   * @throws CommunicatorException naming the first rank that failed (others' errors suppressed)
   */
  public void run(Consumer<Communicator> body) {
    List<Thread> threads = new ArrayList<>(size);
    Throwable[] errors = new Throwable[size];
    long[] errorNanos = new long[size];
    for (int r = 0; r < size; r++) {
      final int rank = r;
      Thread t =
          new Thread(
              () -> {
                try {
                  body.accept(communicators[rank]);
                  communicators[rank].finished = true;
                } catch (Throwable e) {
                  communicators[rank].finished = true;
                  errorNanos[rank] = System.nanoTime();
                  errors[rank] = e;
                  communicators[rank].abort(e);
                }
              },
              "gossipbench-rank-" + r);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abortAll("interrupted while waiting for the ranks", e);
        throw new CommunicatorException("interrupted while waiting for the ranks", e);
      }
    }
    CommunicatorException first = null;
    for (int r = 0; r < size; r++) {
      if (errors[r] == null) {
        continue;
      }
      if (first == null) {
        // The root cause is the rank that failed first on its own, not one that saw the abort:
        // when a rank is stuck, its direct neighbor started waiting earliest and times out first,
        // naming it, while ranks further along the chain time out on their neighbors a bit later.
        int culprit = r;
        for (int q = 0; q < size; q++) {
          if (errors[q] != null
              && !(errors[q] instanceof AbortedException)
              && (errors[culprit] instanceof AbortedException
                  || errorNanos[q] < errorNanos[culprit])) {
            culprit = q;
          }
        }
        Throwable e = errors[culprit];
        first =
            new CommunicatorException(
                e instanceof CommunicatorException
                    ? e.getMessage()
                    : "rank " + culprit + " failed: " + e,
                e);
      }
      if (errors[r] != first.getCause()) {
        first.addSuppressed(errors[r]);
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void abortAll(String message, Throwable cause) {
    if (failure == null) {
      failureCause = cause;
      failure = message;
    }
    for (LocalCommunicator c : communicators) {
      Thread t = c.waiter;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
  }

  /** Thrown on ranks that did not fail themselves but were stopped by another's abort. */
  static final class AbortedException extends CommunicatorException {
    AbortedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Pending operations of one ordered pair of ranks. */
  private static final class Channel {
    LocalRequest sends;
    LocalRequest recvs;
  }

  /** Ranks neither blocked in a communication nor finished: the likely culprits of a timeout. */
  private String ranksOutsideCommunication(int except) {
    StringBuilder s = new StringBuilder();
    for (LocalCommunicator c : communicators) {
      if (c.rank() != except && c.waiter == null && !c.finished) {
        s.append(s.length() == 0 ? "" : ", ").append(c.rank());
      }
    }
    return s.length() == 0 ? "" : "; ranks not communicating when it timed out: " + s;
  }

  private final class LocalCommunicator extends AbstractCommunicator {
    volatile Thread waiter;
    volatile boolean finished;

    // Receives of this rank whose senders arrived second: this rank's thread copies them.
    private final Object readyLock = new Object();
    private LocalRequest ready;
    private volatile boolean hasReady;

    /** Called by a sender's thread: this rank is to copy {@code recv}'s message. */
    void handOff(LocalRequest recv) {
      synchronized (readyLock) {
        recv.readyNext = ready;
        ready = recv;
        hasReady = true;
      }
      Thread w = waiter;
      if (w != null) {
        LockSupport.unpark(w);
      }
    }

    /** On this rank's thread: copies every message handed to it. */
    void drainReady() {
      if (!hasReady) {
        return;
      }
      LocalRequest list;
      synchronized (readyLock) {
        list = ready;
        ready = null;
        hasReady = false;
      }
      while (list != null) {
        LocalRequest r = list;
        list = r.readyNext;
        r.readyNext = null;
        r.pull();
      }
    }

    LocalCommunicator(int rank) {
      super(rank, LocalTransport.this.size, LocalTransport.this.timeout);
    }

    @Override
    public String transport() {
      return "local";
    }

    @Override
    public Request sendInit(Buf buf, int offset, int count, int peer, int tag) {
      checkPeer(peer);
      Buf.checkRange(buf, offset, count);
      return new LocalRequest(
          this, true, buf, offset, count, peer, tag, channels[rank * size + peer], false, 0, 0);
    }

    @Override
    public Request recvInit(Buf buf, int offset, int count, int peer, int tag) {
      checkPeer(peer);
      Buf.checkRange(buf, offset, count);
      return new LocalRequest(
          this, false, buf, offset, count, peer, tag, channels[peer * size + rank], false, 0, 0);
    }

    @Override
    public Request recvCombineInit(
        Buf buf, int offset, int count, int peer, int tag, double selfWeight, double weight) {
      checkPeer(peer);
      Buf.checkRange(buf, offset, count);
      return new LocalRequest(
          this,
          false,
          buf,
          offset,
          count,
          peer,
          tag,
          channels[peer * size + rank],
          true,
          selfWeight,
          weight);
    }

    @Override
    public void abort(Throwable cause) {
      abortAll("rank " + rank + " failed: " + cause, cause);
    }

    @Override
    public void close() {
      // Threads and channels belong to the transport; nothing per rank to release.
    }

    void count(LocalRequest send, LocalRequest recv, long bytes) {
      send.owner.countSent(bytes);
      recv.owner.countReceived(bytes);
    }
  }

  private final class LocalRequest extends AbstractRequest {
    final LocalCommunicator owner;
    final Channel channel;
    LocalRequest next;

    // A receive whose sender arrived second: the send to copy from, until the copy is claimed;
    // guarded by this request's monitor, as is copying.
    private LocalRequest matchedSend;
    private boolean copying;
    LocalRequest readyNext;
    // A send handed to its receiver: that receive, until the copy is done.
    private volatile LocalRequest pendingRecv;

    LocalRequest(
        LocalCommunicator owner,
        boolean isSend,
        Buf buf,
        int offset,
        int count,
        int peer,
        int tag,
        Channel channel,
        boolean combine,
        double selfWeight,
        double weight) {
      super(isSend, buf, offset, count, peer, tag, combine, selfWeight, weight);
      this.owner = owner;
      this.channel = channel;
    }

    @Override
    public void start() {
      String f = failure;
      if (f != null) {
        throw new AbortedException("rank " + owner.rank() + ": job aborted: " + f, failureCause);
      }
      beginStart();
      LocalRequest match;
      boolean handOff = false;
      synchronized (channel) {
        match = isSend ? take(channel.recvs, true) : take(channel.sends, false);
        if (match == null) {
          if (isSend) {
            channel.sends = append(channel.sends, this);
          } else {
            channel.recvs = append(channel.recvs, this);
          }
          return;
        }
        LocalRequest send = isSend ? this : match;
        LocalRequest recv = isSend ? match : this;
        if (send.count != recv.count || send.buf.dtype() != recv.buf.dtype()) {
          String msg =
              "rank "
                  + send.owner.rank()
                  + " sent "
                  + send.count
                  + " "
                  + send.buf.dtype().label()
                  + " (tag "
                  + tag
                  + ") but rank "
                  + recv.owner.rank()
                  + " expected "
                  + recv.count
                  + " "
                  + recv.buf.dtype().label();
          send.error = msg;
          recv.error = msg;
        } else if (isSend && count > 0) {
          synchronized (match) {
            match.matchedSend = this;
          }
          pendingRecv = match;
          handOff = true;
        } else {
          transfer(send, recv);
        }
      }
      if (handOff) {
        match.owner.handOff(match);
        return;
      }
      match.finish();
      finish();
    }

    /** recv's range = send's (or combined with it), counted on both ranks. */
    private void transfer(LocalRequest send, LocalRequest recv) {
      if (recv.combine) {
        recv.buf.combine(
            recv.offset, recv.selfWeight, send.buf, send.offset, send.count, recv.weight);
      } else {
        send.buf.copyTo(send.offset, recv.buf, recv.offset, send.count);
      }
      owner.count(send, recv, (long) send.count * send.buf.dtype().bytes());
    }

    /**
     * Performs this handed-off receive's copy, if nobody has claimed it yet: on the receiver's
     * thread from {@link LocalCommunicator#drainReady}, or on the sender's when it takes its copy
     * back. Completes both requests; a receive whose sender withdrew completes with its error.
     */
    void pull() {
      LocalRequest send;
      synchronized (this) {
        send = matchedSend;
        if (send == null) {
          if (!complete && error != null) {
            finish();
          }
          return;
        }
        matchedSend = null;
        copying = true;
      }
      try {
        transfer(send, this);
      } finally {
        synchronized (this) {
          copying = false;
          notifyAll();
        }
      }
      send.pendingRecv = null;
      send.finish();
      finish();
    }

    @Override
    protected void progress(boolean late) {
      owner.drainReady();
      LocalRequest r = pendingRecv;
      if (late && r != null) {
        r.pull(); // the receiver has not taken it: copy it here rather than wait
      }
    }

    /** Removes and returns the first request in the list with this tag. Caller holds the lock. */
    private LocalRequest take(LocalRequest head, boolean fromRecvs) {
      LocalRequest prev = null;
      for (LocalRequest r = head; r != null; prev = r, r = r.next) {
        if (r.tag == tag) {
          if (prev == null) {
            if (fromRecvs) {
              channel.recvs = r.next;
            } else {
              channel.sends = r.next;
            }
          } else {
            prev.next = r.next;
          }
          r.next = null;
          return r;
        }
      }
      return null;
    }

    private LocalRequest append(LocalRequest head, LocalRequest r) {
      r.next = null;
      if (head == null) {
        return r;
      }
      LocalRequest tail = head;
      while (tail.next != null) {
        tail = tail.next;
      }
      tail.next = r;
      return head;
    }

    private void finish() {
      markComplete();
    }

    @Override
    protected int ownerRank() {
      return owner.rank();
    }

    @Override
    protected Duration timeout() {
      return timeout;
    }

    @Override
    protected void setWaiter(Thread thread) {
      owner.waiter = thread;
    }

    @Override
    protected void wakeWaiter() {
      Thread w = owner.waiter;
      if (w != null && w != Thread.currentThread()) {
        LockSupport.unpark(w);
      }
    }

    @Override
    protected RuntimeException failureWhileWaiting() {
      String f = failure;
      if (f == null) {
        return null;
      }
      withdraw();
      return new AbortedException("rank " + owner.rank() + ": job aborted: " + f, failureCause);
    }

    @Override
    protected String abandonAfterTimeout(String message) {
      withdraw();
      return message + ranksOutsideCommunication(owner.rank());
    }

    /** Takes this request out of its channel so a late peer cannot touch its buffer. */
    private void withdraw() {
      LocalRequest handed = pendingRecv;
      if (handed != null) {
        // A send handed to its receiver: cancel the copy unless it is under way, then wait it out.
        synchronized (handed) {
          if (handed.matchedSend == this) {
            handed.matchedSend = null;
            handed.error = "rank " + owner.rank() + " abandoned its send (tag " + tag + ")";
          }
          boolean interrupted = false;
          while (handed.copying) {
            try {
              handed.wait();
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
        pendingRecv = null;
      }
      if (!isSend) {
        // A receive whose sender handed it the copy: refuse it, so the sender cannot take it back
        // and write into this rank's buffer after this rank gave up.
        LocalRequest s;
        synchronized (this) {
          s = matchedSend;
          matchedSend = null;
          // a sender taking its copy back may be writing into this buffer: let it finish first
          boolean interrupted = false;
          while (copying) {
            try {
              wait();
            } catch (InterruptedException e) {
              interrupted = true;
            }
          }
          if (interrupted) {
            Thread.currentThread().interrupt();
          }
        }
        if (s != null) {
          s.error = "rank " + owner.rank() + " abandoned its receive (tag " + tag + ")";
          s.pendingRecv = null;
          s.finish();
        }
      }
      synchronized (channel) {
        LocalRequest head = isSend ? channel.sends : channel.recvs;
        LocalRequest prev = null;
        for (LocalRequest r = head; r != null; prev = r, r = r.next) {
          if (r == this) {
            if (prev == null) {
              if (isSend) {
                channel.sends = r.next;
              } else {
                channel.recvs = r.next;
              }
            } else {
              prev.next = r.next;
            }
            break;
          }
        }
        next = null;
        complete = true;
      }
    }
  }
}
