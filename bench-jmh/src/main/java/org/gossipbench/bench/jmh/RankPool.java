package org.gossipbench.bench.jmh;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveOp;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.transport.local.LocalTransport;

/**
 * Runs one planned collective on n in-process ranks for JMH: rank 0 is the benchmark thread, ranks
 * 1..n−1 are parked workers that run iteration k when told. One call of {@link #run()} is one
 * collective on every rank and returns when the slowest rank is done, so JMH's time per operation
 * is the collective's time. Signalling is a volatile epoch plus park/unpark: nothing is allocated
 * per operation, so {@code -prof gc} sees only what the collectives allocate.
 */
final class RankPool implements AutoCloseable {
  private final Collective[] collectives;
  private final Thread[] workers;
  private final Thread driver;
  private volatile long epoch = -1;
  private volatile boolean closing;
  private final long[] done;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /**
   * Builds the collective on every rank ({@code factory} is called once per rank, on that rank's
   * thread).
   */
  RankPool(int ranks, BiFunction<Communicator, Integer, Collective> factory) {
    LocalTransport transport = LocalTransport.create(ranks, Duration.ofSeconds(120));
    collectives = new Collective[ranks];
    done = new long[ranks * 16]; // one cache line apart per rank: no false sharing of the flags
    java.util.Arrays.fill(done, -1);
    workers = new Thread[ranks];
    driver = Thread.currentThread();
    CountDownLatch built = new CountDownLatch(ranks - 1);
    collectives[0] = factory.apply(transport.communicator(0), 0);
    for (int r = 1; r < ranks; r++) {
      final int rank = r;
      workers[r] =
          new Thread(
              () -> {
                collectives[rank] = factory.apply(transport.communicator(rank), rank);
                built.countDown();
                long seen = -1;
                while (!closing) {
                  long e = epoch;
                  if (e == seen) {
                    LockSupport.park(this);
                    continue;
                  }
                  try {
                    collectives[rank].run(e);
                  } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                  }
                  seen = e;
                  setDone(rank, e);
                  LockSupport.unpark(driver);
                }
              },
              "bench-rank-" + r);
      workers[r].setDaemon(true);
      workers[r].start();
    }
    try {
      built.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private synchronized void setDone(int rank, long e) {
    done[rank * 16] = e;
  }

  private synchronized long doneOf(int rank) {
    return done[rank * 16];
  }

  /** One collective on every rank. */
  long run() {
    long e = epoch + 1;
    epoch = e;
    for (int r = 1; r < workers.length; r++) {
      LockSupport.unpark(workers[r]);
    }
    collectives[0].run(e);
    for (int r = 1; r < workers.length; r++) {
      while (doneOf(r) != e) {
        if (failure.get() != null) {
          throw new IllegalStateException("rank failed", failure.get());
        }
        LockSupport.parkNanos(this, 100_000L);
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("rank failed", failure.get());
    }
    return e;
  }

  /**
   * Fills every rank's buffer with the op's known inputs, runs one more iteration and throws if any
   * element differs from the op's exact result (the benchmark's #wrong column, which must be 0).
   *
   * @param op a registered op's name, the one the pool's collectives compute
   * @param topology the graph, for ops that need one; null otherwise
   */
  void check(Buf[] data, String op, ReduceOp reduce, Topology topology) {
    CollectiveOp operation = CollectiveRegistry.op(op);
    CollectiveOptions options =
        CollectiveOptions.defaults().withReduceOp(reduce).withTopology(topology);
    int n = data.length;
    int count = collectives[0].count();
    for (int r = 0; r < n; r++) {
      operation.fill(data[r], r, count);
    }
    long k = run(); // the volatile epoch write publishes the fills to the workers
    long wrong = 0;
    for (int r = 0; r < n; r++) {
      wrong += operation.wrong(data[r], r, n, count, options, k);
    }
    if (wrong != 0) {
      throw new IllegalStateException(op + " over " + n + " ranks: " + wrong + " wrong elements");
    }
  }

  @Override
  public void close() {
    closing = true;
    for (int r = 1; r < workers.length; r++) {
      LockSupport.unpark(workers[r]);
    }
  }
}
