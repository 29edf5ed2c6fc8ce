package org.gossipbench.collectives.comm;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;

/**
 * The point-to-point contract of {@link Communicator}, as scenarios that every rank of a job runs
 * on any transport: in-process threads, processes over TCP, ranks under mpirun (this class ships in
 * the test jar, and {@link PointToPointRankMain} runs one scenario as one process's rank). A
 * violation throws an {@link AssertionError} naming the rank and what it saw.
 *
 * <p>Every scenario is valid under both completion semantics the contract allows, buffered sends
 * and rendezvous sends: a rank starts every send its peer may be waiting behind before it awaits
 * anything, and synchronises with barriers, never by awaiting a send the peer has not yet posted
 * the receive for. Rank 0 sends and rank 1 receives unless a scenario says otherwise.
 */
public final class PointToPointContract {
  private PointToPointContract() {}

  private static final Duration NORMAL = Duration.ofSeconds(20);

  /** One property of the contract; {@link #run} is what each rank of the job executes. */
  public enum Scenario {
    /** Messages with one peer and tag arrive in the order sent, also when others pass them. */
    NON_OVERTAKING(2, NORMAL, false) {
      @Override
      public void run(Communicator comm) {
        nonOvertaking(comm);
      }
    },
    /** A receiver that awaits the last-sent tag first gets every message. */
    TAGS_MATCH_IN_REVERSE_ORDER(2, NORMAL, false) {
      @Override
      public void run(Communicator comm) {
        reverseOrderTags(comm);
      }
    },
    /** Messages that arrived before any receive was posted are delivered, exactly. */
    UNEXPECTED_MESSAGES(2, NORMAL, false) {
      @Override
      public void run(Communicator comm) {
        unexpectedMessages(comm);
      }
    },
    /** Overwriting a send's buffer after its await does not change what arrives. */
    SEND_BUFFER_REUSE(2, NORMAL, false) {
      @Override
      public void run(Communicator comm) {
        sendBufferReuse(comm);
      }
    },
    /** Persistent requests started a thousand times carry each iteration's data. */
    PERSISTENT_RESTARTS(2, NORMAL, false) {
      @Override
      public void run(Communicator comm) {
        persistentRestarts(comm);
      }
    },
    /** Combining receives apply their weights exactly, posted before or after the arrival. */
    COMBINE_RECEIVES(2, NORMAL, false) {
      @Override
      public void run(Communicator comm) {
        combineReceives(comm);
      }
    },
    /** A receive from one peer is not satisfied by another peer's message with its tag. */
    MATCHING_IS_PER_PEER(3, NORMAL, false) {
      @Override
      public void run(Communicator comm) {
        matchingIsPerPeer(comm);
      }
    },
    /** More than any transport buffers, unexpected: arrives once the receives are posted. */
    LARGE_UNEXPECTED(2, NORMAL, false) {
      @Override
      public void run(Communicator comm) {
        largeUnexpected(comm);
      }
    },
    /** Nobody leaves a barrier before the last rank entered it. */
    BARRIER(3, NORMAL, false) {
      @Override
      public void run(Communicator comm) {
        barrierWaitsForTheLast(comm);
      }
    },
    /** A count mismatch fails the receive on one line naming both ranks. */
    COUNT_MISMATCH(2, NORMAL, true) {
      @Override
      public void run(Communicator comm) {
        mismatch(comm, DType.FLOAT32, 8, DType.FLOAT32, 4);
      }
    },
    /** A type mismatch of equal byte length still fails, naming both ranks. */
    TYPE_MISMATCH(2, NORMAL, true) {
      @Override
      public void run(Communicator comm) {
        mismatch(comm, DType.FLOAT32, 8, DType.FLOAT64, 4);
      }
    },
    /** A peer's abort fails a pending receive well before the timeout, naming the peer. */
    ABORT(2, Duration.ofSeconds(30), true) {
      @Override
      public void run(Communicator comm) {
        abortFailsThePeer(comm);
      }
    },
    /** A receive nobody sends to fails after about the timeout, naming the peer. */
    TIMEOUT(2, Duration.ofSeconds(2), true) {
      @Override
      public void run(Communicator comm) {
        receiveTimesOut(comm);
      }
    };

    private final int ranks;
    private final Duration timeout;
    private final boolean breaksJob;

    Scenario(int ranks, Duration timeout, boolean breaksJob) {
      this.ranks = ranks;
      this.timeout = timeout;
      this.breaksJob = breaksJob;
    }

    /** Ranks the job must have. */
    public int ranks() {
      return ranks;
    }

    /** The communicator's timeout the scenario is written for. */
    public Duration timeout() {
      return timeout;
    }

    /**
     * Whether the job is broken afterwards (a mismatch, an abort, a timeout), so the ranks' exit
     * status says nothing; their own checks still pass.
     */
    public boolean breaksJob() {
      return breaksJob;
    }

    /** This rank's part; throws {@link AssertionError} when the transport breaks the contract. */
    public abstract void run(Communicator comm);
  }

  /** An element value that is exact in float32 for seeds below 16 000. */
  static double value(int seed, int i) {
    return seed * 1000.0 + i % 1000;
  }

  private static void fill(Buf b, int offset, int count, int seed) {
    for (int i = 0; i < count; i++) {
      b.setDouble(offset + i, value(seed, i));
    }
  }

  private static void expect(
      Communicator comm, Buf b, int offset, int count, int seed, String what) {
    for (int i = 0; i < count; i++) {
      double got = b.getDouble(offset + i);
      if (got != value(seed, i)) {
        throw new AssertionError(
            "rank "
                + comm.rank()
                + ": "
                + what
                + ": element "
                + i
                + " is "
                + got
                + ", expected "
                + value(seed, i)
                + " (message "
                + (int) Math.floor(got / 1000)
                + " instead of "
                + seed
                + ")");
      }
    }
  }

  private static void require(Communicator comm, boolean ok, String what) {
    if (!ok) {
      throw new AssertionError("rank " + comm.rank() + ": " + what);
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(Math.max(0, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static void nonOvertaking(Communicator comm) {
    int m = 16;
    int count = 3;
    Buf b = Buf.allocate(DType.FLOAT32, m * count);
    Request[] r = new Request[m];
    if (comm.rank() == 0) {
      // Tags 5 and 6 alternate; message k carries seed k.
      for (int k = 0; k < m; k++) {
        fill(b, k * count, count, k);
        r[k] = comm.sendInit(b, k * count, count, 1, 5 + k % 2);
      }
      Request.startAll(r);
      Request.awaitAll(r);
    } else if (comm.rank() == 1) {
      for (int k = 0; k < m; k++) {
        r[k] = comm.recvInit(b, k * count, count, 0, 5 + k % 2);
      }
      // All of tag 6 first, one at a time, so tag 5's messages wait unmatched; then half of tag
      // 5 one at a time and the rest posted together.
      for (int k = 1; k < m; k += 2) {
        r[k].start();
        r[k].await();
      }
      for (int k = 0; k < m / 2; k += 2) {
        r[k].start();
        r[k].await();
      }
      for (int k = m / 2; k < m; k += 2) {
        r[k].start();
      }
      for (int k = m / 2; k < m; k += 2) {
        r[k].await();
      }
      for (int k = 0; k < m; k++) {
        expect(comm, b, k * count, count, k, "message " + k + " of tag " + (5 + k % 2));
      }
    }
  }

  private static final int[] REVERSE_COUNTS = {1, 0, 17, 1003, 300_001, 2, 65_536, 5};

  private static void reverseOrderTags(Communicator comm) {
    int tags = REVERSE_COUNTS.length;
    int[] offset = new int[tags + 1];
    for (int t = 0; t < tags; t++) {
      offset[t + 1] = offset[t] + REVERSE_COUNTS[t];
    }
    Buf b = Buf.allocate(DType.FLOAT32, offset[tags]);
    Request[] r = new Request[tags];
    if (comm.rank() == 0) {
      for (int t = 0; t < tags; t++) {
        fill(b, offset[t], REVERSE_COUNTS[t], t + 1);
        r[t] = comm.sendInit(b, offset[t], REVERSE_COUNTS[t], 1, t + 1);
      }
      Request.startAll(r);
      Request.awaitAll(r);
    } else if (comm.rank() == 1) {
      for (int t = tags - 1; t >= 0; t--) {
        Request q = comm.recvInit(b, offset[t], REVERSE_COUNTS[t], 0, t + 1);
        q.start();
        q.await();
        expect(comm, b, offset[t], REVERSE_COUNTS[t], t + 1, "tag " + (t + 1));
      }
    }
  }

  private static final int[] UNEXPECTED_COUNTS = {0, 1, 1003, 300_001};

  private static void unexpectedMessages(Communicator comm) {
    int k = UNEXPECTED_COUNTS.length;
    Buf[] bufs = new Buf[2 * k];
    Request[] r = new Request[2 * k];
    for (int j = 0; j < 2 * k; j++) {
      DType type = j < k ? DType.FLOAT32 : DType.FLOAT64;
      int count = UNEXPECTED_COUNTS[j % k];
      bufs[j] = Buf.allocate(type, count);
      if (comm.rank() == 0) {
        fill(bufs[j], 0, count, 100 + j);
        r[j] = comm.sendInit(bufs[j], 0, count, 1, 40 + j);
      } else if (comm.rank() == 1) {
        r[j] = comm.recvInit(bufs[j], 0, count, 0, 40 + j);
      }
    }
    if (comm.rank() == 0) {
      Request.startAll(r);
      comm.barrier(); // a buffering transport has had every message arrive by now
      Request.awaitAll(r);
    } else if (comm.rank() == 1) {
      comm.barrier();
      for (int j = 2 * k - 1; j >= 0; j--) {
        r[j].start();
      }
      for (int j = 0; j < 2 * k; j++) {
        r[j].await();
        expect(comm, bufs[j], 0, bufs[j].length(), 100 + j, "unexpected message " + j);
      }
    } else {
      comm.barrier();
    }
  }

  private static void sendBufferReuse(Communicator comm) {
    int rounds = 8;
    int count = 100_003;
    if (comm.rank() == 0) {
      Buf b = Buf.allocate(DType.FLOAT64, count);
      Request s = comm.sendInit(b, 0, count, 1, 11);
      for (int k = 0; k < rounds; k++) {
        fill(b, 0, count, k);
        s.start();
        s.await();
      }
      fill(b, 0, count, 999);
    } else if (comm.rank() == 1) {
      Buf b = Buf.allocate(DType.FLOAT64, rounds * count);
      // Late on purpose: a buffering sender has overwritten its buffer several times by now.
      sleepMillis(100);
      for (int k = 0; k < rounds; k++) {
        Request q = comm.recvInit(b, k * count, count, 0, 11);
        q.start();
        q.await();
      }
      for (int k = 0; k < rounds; k++) {
        expect(comm, b, k * count, count, k, "round " + k);
      }
    }
    comm.barrier();
  }

  private static void persistentRestarts(Communicator comm) {
    int iterations = 1000;
    int count = 5;
    int peer = 1 - comm.rank();
    if (comm.rank() > 1) {
      return;
    }
    Buf out = Buf.allocate(DType.FLOAT64, count);
    Buf in = Buf.allocate(DType.FLOAT64, count);
    // Ping-pong: rank 1 returns what it got plus one.
    Request send = comm.sendInit(out, 0, count, peer, comm.rank() == 0 ? 3 : 4);
    Request recv = comm.recvInit(in, 0, count, peer, comm.rank() == 0 ? 4 : 3);
    for (int k = 0; k < iterations; k++) {
      if (comm.rank() == 0) {
        fill(out, 0, count, k);
        send.start();
        recv.start();
        send.await();
        recv.await();
        expect(comm, in, 0, count, k + 1, "ping-pong iteration " + k);
      } else {
        recv.start();
        recv.await();
        expect(comm, in, 0, count, k, "ping-pong iteration " + k);
        fill(out, 0, count, k + 1);
        send.start();
        send.await();
      }
    }
    // Exchange: both send and receive at once, every iteration.
    Request xs = comm.sendInit(out, 0, count, peer, 6);
    Request xr = comm.recvInit(in, 0, count, peer, 6);
    for (int k = 0; k < iterations; k++) {
      fill(out, 0, count, 2 * k + comm.rank());
      xs.start();
      xr.start();
      xr.await();
      xs.await();
      expect(comm, in, 0, count, 2 * k + peer, "exchange iteration " + k);
    }
  }

  private static void combineReceives(Communicator comm) {
    int[] counts = {7, 300_001};
    int tag = 20;
    for (DType type : DType.values()) {
      for (int count : counts) {
        // weights (0.25, 0.75) and (1, 1); receive posted before the arrival and after it.
        for (int variant = 0; variant < 4; variant++, tag++) {
          double selfWeight = variant % 2 == 0 ? 0.25 : 1;
          double weight = variant % 2 == 0 ? 0.75 : 1;
          boolean postedFirst = variant < 2;
          Buf b = Buf.allocate(type, count);
          if (comm.rank() == 0) {
            for (int i = 0; i < count; i++) {
              b.setDouble(i, 8 * (i % 1000));
            }
            Request s = comm.sendInit(b, 0, count, 1, tag);
            if (postedFirst) {
              comm.barrier();
              s.start();
            } else {
              s.start();
              comm.barrier();
            }
            s.await();
          } else if (comm.rank() == 1) {
            for (int i = 0; i < count; i++) {
              b.setDouble(i, 4 * (i % 1000));
            }
            Request q = comm.recvCombineInit(b, 0, count, 0, tag, selfWeight, weight);
            if (postedFirst) {
              q.start();
              comm.barrier();
            } else {
              comm.barrier();
              q.start();
            }
            q.await();
            for (int i = 0; i < count; i++) {
              double expected = (selfWeight * 4 + weight * 8) * (i % 1000);
              if (b.getDouble(i) != expected) {
                throw new AssertionError(
                    "rank 1: combine "
                        + selfWeight
                        + "·self + "
                        + weight
                        + "·message of "
                        + count
                        + " "
                        + type.label()
                        + (postedFirst ? ", posted first" : ", arrived first")
                        + ": element "
                        + i
                        + " is "
                        + b.getDouble(i)
                        + ", expected "
                        + expected);
              }
            }
          } else {
            comm.barrier();
          }
        }
      }
    }
  }

  private static void matchingIsPerPeer(Communicator comm) {
    int count = 5;
    int tag = 9;
    Buf b = Buf.allocate(DType.FLOAT32, 2 * count);
    if (comm.rank() == 0) {
      Request from2 = comm.recvInit(b, count, count, 2, tag);
      Request from1 = comm.recvInit(b, 0, count, 1, tag);
      comm.barrier(); // rank 1's message has been started (and on a buffering transport sent)
      from2.start();
      from2.await();
      from1.start();
      from1.await();
      expect(comm, b, 0, count, 1, "the message from rank 1");
      expect(comm, b, count, count, 2, "the message from rank 2");
    } else {
      fill(b, 0, count, comm.rank());
      Request s = comm.sendInit(b, 0, count, 0, tag);
      if (comm.rank() == 1) {
        s.start();
        comm.barrier();
      } else {
        comm.barrier();
        sleepMillis(50); // rank 1's message first, if order were all that mattered
        s.start();
      }
      s.await();
    }
  }

  private static void largeUnexpected(Communicator comm) {
    // 3 × 24 MiB: more than tcp stages for one peer (64 MiB), so it must hold the sender back
    // and still deliver everything once the receives are posted.
    int count = 6 << 20;
    int messages = 3;
    Buf b = Buf.allocate(DType.FLOAT32, messages * count);
    Request[] r = new Request[messages];
    if (comm.rank() == 0) {
      for (int k = 0; k < messages; k++) {
        fill(b, k * count, count, 10 + k);
        r[k] = comm.sendInit(b, k * count, count, 1, 30 + k);
      }
      Request.startAll(r);
      Request.awaitAll(r);
    } else if (comm.rank() == 1) {
      for (int k = 0; k < messages; k++) {
        r[k] = comm.recvInit(b, k * count, count, 0, 30 + k);
      }
      sleepMillis(300); // let them pile up against whatever the transport buffers
      for (int k = messages - 1; k >= 0; k--) {
        r[k].start();
      }
      for (int k = messages - 1; k >= 0; k--) {
        r[k].await();
      }
      for (int k = 0; k < messages; k++) {
        expect(comm, b, k * count, count, 10 + k, "message " + k);
      }
    }
  }

  private static void barrierWaitsForTheLast(Communicator comm) {
    for (int i = 0; i < 50; i++) {
      comm.barrier();
    }
    long lateMillis = 300;
    for (int late = 0; late < comm.size(); late += comm.size() - 1) {
      comm.barrier();
      if (comm.rank() == late) {
        sleepMillis(lateMillis);
        comm.barrier();
      } else {
        long t0 = System.nanoTime();
        comm.barrier();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        // The first barrier releases ranks a message latency apart, not 100 ms.
        require(
            comm,
            waited >= lateMillis - 100,
            "left the barrier after " + waited + " ms, before rank " + late + " entered it");
      }
    }
  }

  private static void mismatch(
      Communicator comm, DType sentType, int sentCount, DType expectedType, int expectedCount) {
    int tag = 7;
    if (comm.rank() == 0) {
      Buf b = Buf.allocate(sentType, sentCount);
      Request s = comm.sendInit(b, 0, sentCount, 1, tag);
      s.start();
      try {
        s.await(); // buffered: done; rendezvous: fails with the receiver's mismatch
      } catch (CommunicatorException e) {
        requireNamesBoth(comm, e, "the sender's failure");
      }
    } else if (comm.rank() == 1) {
      Buf b = Buf.allocate(expectedType, expectedCount);
      Request q = comm.recvInit(b, 0, expectedCount, 0, tag);
      CommunicatorException e = null;
      try {
        q.start();
        q.await();
      } catch (CommunicatorException caught) {
        e = caught;
      }
      require(
          comm,
          e != null,
          "received "
              + sentCount
              + " "
              + sentType.label()
              + " into a receive of "
              + expectedCount
              + " "
              + expectedType.label()
              + " without an error");
      requireNamesBoth(comm, e, "the mismatch");
    }
  }

  private static void requireNamesBoth(Communicator comm, CommunicatorException e, String what) {
    String m = String.valueOf(e.getMessage());
    require(
        comm,
        m.contains("rank 0") && m.contains("rank 1") && !m.contains("\n"),
        what + " must be one line naming rank 0 and rank 1: " + m);
  }

  private static void abortFailsThePeer(Communicator comm) {
    Buf b = Buf.allocate(DType.FLOAT32, 4);
    if (comm.rank() == 0) {
      comm.barrier();
      sleepMillis(200); // rank 1 is waiting by now
      comm.abort(new IllegalStateException("the ABORT scenario aborts rank 0"));
    } else if (comm.rank() == 1) {
      Request q = comm.recvInit(b, 0, 4, 0, 13);
      q.start();
      comm.barrier();
      long t0 = System.nanoTime();
      CommunicatorException e = null;
      try {
        q.await();
      } catch (CommunicatorException caught) {
        e = caught;
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      require(comm, e != null, "a receive from rank 0 completed after rank 0 aborted");
      require(
          comm,
          millis < comm.timeout().toMillis() / 4,
          "the receive failed only after " + millis + " ms of a " + comm.timeout() + " timeout");
      require(
          comm,
          String.valueOf(e.getMessage()).contains("rank 0"),
          "the failure does not name rank 0: " + e.getMessage());
    }
  }

  private static void receiveTimesOut(Communicator comm) {
    long timeoutMillis = comm.timeout().toMillis();
    comm.barrier();
    long t0 = System.nanoTime();
    if (comm.rank() == 0) {
      Buf b = Buf.allocate(DType.FLOAT32, 4);
      Request q = comm.recvInit(b, 0, 4, 1, 99);
      CommunicatorException e = null;
      try {
        q.start();
        q.await();
      } catch (CommunicatorException caught) {
        e = caught;
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      require(comm, e != null, "a receive nobody sends to completed");
      require(
          comm,
          millis >= timeoutMillis * 95 / 100 && millis <= timeoutMillis + 3000,
          "the receive failed after " + millis + " ms, not about the " + timeoutMillis + " ms");
      String m = String.valueOf(e.getMessage());
      require(
          comm,
          m.contains("rank 1") && m.contains("timed out") && !m.contains("\n"),
          "the timeout must be one line naming rank 1: " + m);
      // Stay until rank 1 has checked out: under mpirun, an exit ends the job.
      sleepMillis(timeoutMillis + 2000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    } else {
      // Silent until well after rank 0 timed out; leaving earlier could close the connection
      // rank 0 waits on, which fails its receive for another reason.
      sleepMillis(timeoutMillis + 1000);
    }
  }
}
