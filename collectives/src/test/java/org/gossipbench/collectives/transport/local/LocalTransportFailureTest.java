package org.gossipbench.collectives.transport.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.comm.Request;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.junit.jupiter.api.Test;

class LocalTransportFailureTest {

  @Test
  void aStuckRankMakesEveryOtherRankTimeOutNamingIt() {
    LocalTransport t = LocalTransport.create(4, Duration.ofMillis(300));
    ConcurrentHashMap<Integer, String> errors = new ConcurrentHashMap<>();
    ConcurrentHashMap<Integer, Long> failedAfterMillis = new ConcurrentHashMap<>();
    CountDownLatch othersDone = new CountDownLatch(3);
    CommunicatorException e =
        assertThrows(
            CommunicatorException.class,
            () ->
                t.run(
                    comm -> {
                      Buf data = Buf.allocate(DType.FLOAT32, 1000);
                      Collective c =
                          CollectiveRegistry.create(
                              "allreduce", "ring", comm, data, 1000, CollectiveOptions.defaults());
                      if (comm.rank() == 2) {
                        try {
                          othersDone.await(
                              20, TimeUnit.SECONDS); // stuck, never joins the collective
                        } catch (InterruptedException ie) {
                          Thread.currentThread().interrupt();
                        }
                        return;
                      }
                      long start = System.nanoTime();
                      try {
                        c.run(0);
                      } catch (CommunicatorException ce) {
                        errors.put(comm.rank(), ce.getMessage());
                        failedAfterMillis.put(comm.rank(), (System.nanoTime() - start) / 1_000_000);
                        othersDone.countDown();
                        throw ce;
                      }
                    }));
    assertEquals(3, errors.size(), errors.toString());
    // Whichever rank times out first names rank 2 as the one not communicating; the others are
    // stopped by that rank's abort or time out themselves.
    errors
        .values()
        .forEach(
            m ->
                assertTrue(
                    m.contains("not communicating when it timed out: 2")
                        || m.contains("job aborted"),
                    m));
    failedAfterMillis
        .values()
        .forEach(ms -> assertTrue(ms < 5_000, "failed only after " + ms + " ms"));
    assertTrue(
        e.getMessage().contains("ranks not communicating when it timed out: 2"), e.getMessage());
  }

  @Test
  void aFailingRankAbortsTheOthersAtOnce() {
    LocalTransport t = LocalTransport.create(5, Duration.ofSeconds(60));
    long start = System.nanoTime();
    CommunicatorException e =
        assertThrows(
            CommunicatorException.class,
            () ->
                t.run(
                    comm -> {
                      Buf data = Buf.allocate(DType.FLOAT64, 64);
                      Collective c =
                          CollectiveRegistry.create(
                              "neighbor-average",
                              "neighbor",
                              comm,
                              data,
                              64,
                              CollectiveOptions.defaults()
                                  .withTopology(TopologyRegistry.create("ring", 5)));
                      if (comm.rank() == 1) {
                        throw new IllegalStateException("boom");
                      }
                      for (int k = 0; k < 3; k++) {
                        c.run(k);
                      }
                    }));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(
        millis < 10_000, "took " + millis + " ms; the 60 s timeout must not be what ended it");
    assertTrue(
        e.getMessage().startsWith("rank 1 failed: java.lang.IllegalStateException: boom"),
        e.getMessage());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(e.getSuppressed().length >= 1, "the aborted ranks' errors are attached");
  }

  @Test
  void mismatchedMessageSizesFailBothSidesWithOneLine() {
    LocalTransport t = LocalTransport.create(2, Duration.ofSeconds(5));
    CommunicatorException e =
        assertThrows(
            CommunicatorException.class,
            () ->
                t.run(
                    comm -> {
                      Buf b = Buf.allocate(DType.FLOAT32, 8);
                      Request r =
                          comm.rank() == 0
                              ? comm.sendInit(b, 0, 8, 1, 7)
                              : comm.recvInit(b, 0, 4, 0, 7);
                      r.start();
                      r.await();
                    }));
    assertTrue(
        e.getMessage().contains("rank 0 sent 8 float32 (tag 7) but rank 1 expected 4 float32"),
        e.getMessage());
  }

  @Test
  void barrierAndCountersWork() {
    LocalTransport t = LocalTransport.create(6, Duration.ofSeconds(10));
    t.run(
        comm -> {
          for (int i = 0; i < 5; i++) {
            comm.barrier();
          }
          Buf b = Buf.allocate(DType.FLOAT64, 10);
          Request s = comm.sendInit(b, 0, 10, (comm.rank() + 1) % 6, 1);
          Request r = comm.recvInit(b, 0, 10, (comm.rank() + 5) % 6, 1);
          long sent = comm.bytesSent();
          s.start();
          r.start();
          r.await();
          s.await();
          comm.barrier();
          assertEquals(80, comm.bytesSent() - sent);
        });
  }
}
