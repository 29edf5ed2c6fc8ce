package org.gossipbench.collectives.transport.mpi;

import java.time.Duration;
import java.util.Map;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DirectStaging;
import org.gossipbench.collectives.comm.AbstractCommunicator;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.comm.Request;

/**
 * A rank of an MPI job (Open MPI's Java bindings): our point-to-point requests become MPI
 * persistent requests ({@code MPI_Send_init}/{@code MPI_Recv_init}) on direct buffers, so every
 * collective of ours runs over MPI unchanged, and the vendor's own collectives ({@link
 * VendorAllreduce}, {@link VendorNeighborAverage}) run on the same communicator for comparison.
 *
 * <p>MPI progresses only inside MPI calls, so waits poll {@code MPI_Test}, yielding the core
 * between polls (ranks are often oversubscribed here), and give up after {@link #timeout()} with an
 * error naming the peer. A blocking vendor call cannot be interrupted: a watchdog ends the process
 * when one outlives the timeout, and mpirun then stops the rest of the job.
 *
 * <p>Only the thread that joined may call in ({@code MPI_THREAD_SINGLE} is all the bindings need
 * here, and all Debian's build guarantees).
 */
public final class MpiCommunicator extends AbstractCommunicator {
  private static final String[] LAUNCH_VARIABLES = {
    "OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"
  };

  private final Intracomm world;
  private final int tagUpperBound;
  private final DirectStaging staging = new DirectStaging();
  private final Thread watchdog;
  private volatile long blockingDeadline; // System.nanoTime() deadline, 0 when none
  private volatile String blockingWhat;
  private boolean failed;
  private boolean closed;

  private MpiCommunicator(int rank, int size, Duration timeout, Intracomm world, int tagUb) {
    super(rank, size, timeout);
    this.world = world;
    this.tagUpperBound = tagUb;
    this.watchdog = new Thread(this::watch, "gossipbench-rank-" + rank + "-mpi-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * Initializes MPI and joins {@code MPI_COMM_WORLD}.
   *
   * @throws CommunicatorException on one line when this process was not started by an MPI launcher
   *     or Open MPI's Java library cannot be loaded
   */
  public static MpiCommunicator join(Duration timeout) {
    Map<String, String> env = System.getenv();
    boolean launched = false;
    for (String v : LAUNCH_VARIABLES) {
      launched |= env.containsKey(v);
    }
    if (!launched) {
      throw new CommunicatorException(
          "--transport mpi must be started by mpirun or srun --mpi=pmix (none of "
              + String.join(", ", LAUNCH_VARIABLES)
              + " is set)");
    }
    try {
      MPI.Init(new String[0]);
      Intracomm world = MPI.COMM_WORLD;
      // Errors as exceptions, not the default abort: a mismatched message must fail its receive
      // with our one line naming both ranks, as on every transport.
      world.setErrhandler(MPI.ERRORS_RETURN);
      Object ub = world.getAttr(MPI.TAG_UB);
      int tagUb = ub instanceof Integer i ? i : 32767; // 32767 is the least MPI promises
      return new MpiCommunicator(world.getRank(), world.getSize(), timeout, world, tagUb);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
      throw new CommunicatorException(
          "--transport mpi cannot load Open MPI's Java library (libmpi_java.so): "
              + firstLine(e)
              + "; install Open MPI with: bash ci/mpi-setup.sh");
    } catch (MPIException e) {
      throw new CommunicatorException("MPI_Init failed: " + firstLine(e), e);
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public String transport() {
    return "mpi";
  }

  /** MPI_COMM_WORLD, for the vendor collectives. */
  Intracomm world() {
    return world;
  }

  /** Combines arrivals; only the rank thread calls MPI, so one serves every request. */
  DirectStaging staging() {
    return staging;
  }

  void sent(long bytes) {
    countSent(bytes);
  }

  void received(long bytes) {
    countReceived(bytes);
  }

  static mpi.Datatype datatype(DType type) {
    return type == DType.FLOAT32 ? MPI.FLOAT : MPI.DOUBLE;
  }

  @Override
  public Request sendInit(Buf buf, int offset, int count, int peer, int tag) {
    checkPointToPoint(buf, offset, count, peer, tag);
    return new MpiRequest(this, true, buf, offset, count, peer, mpiTag(tag), false, 0, 0);
  }

  @Override
  public Request recvInit(Buf buf, int offset, int count, int peer, int tag) {
    checkPointToPoint(buf, offset, count, peer, tag);
    return new MpiRequest(this, false, buf, offset, count, peer, mpiTag(tag), false, 0, 0);
  }

  @Override
  public Request recvCombineInit(
      Buf buf, int offset, int count, int peer, int tag, double selfWeight, double weight) {
    checkPointToPoint(buf, offset, count, peer, tag);
    return new MpiRequest(
        this, false, buf, offset, count, peer, mpiTag(tag), true, selfWeight, weight);
  }

  private void checkPointToPoint(Buf buf, int offset, int count, int peer, int tag) {
    checkPeer(peer);
    if (peer == rank) {
      throw new IllegalArgumentException("rank " + rank + " cannot message itself over mpi");
    }
    Buf.checkRange(buf, offset, count);
  }

  /**
   * Our tags put the collective in the top byte and the step below it; MPI may offer as few as 2^15
   * tags, so the top byte is folded in above the step bits that fit.
   */
  private int mpiTag(int tag) {
    if (tag <= tagUpperBound) {
      return tag;
    }
    int stepBits = 31 - Integer.numberOfLeadingZeros(tagUpperBound) - 8;
    int folded = ((tag >>> 24) << stepBits) | (tag & ((1 << stepBits) - 1));
    if (stepBits < 8 || (tag & 0xFFFFFF) >= (1 << stepBits) || folded > tagUpperBound) {
      throw new IllegalArgumentException(
          "tag " + tag + " does not fit this MPI's tag range 0.." + tagUpperBound);
    }
    return folded;
  }

  /** Vendor barrier, polled so that a dead peer ends it with the timeout. */
  @Override
  public void barrier() {
    if (size == 1) {
      return;
    }
    try {
      await(world.iBarrier(), "MPI_Ibarrier", -1, -1);
    } catch (MPIException e) {
      throw fail("MPI_Ibarrier", e);
    }
  }

  /**
   * Polls {@code request} to completion, or fails after the timeout naming the tag and {@code peer}
   * (each left out when negative).
   */
  void await(mpi.Request request, String what, int tag, int peer) throws MPIException {
    if (request.test()) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!request.test()) {
      if (System.nanoTime() - deadline > 0) {
        failed = true;
        throw new CommunicatorException(
            "rank "
                + rank
                + ": timed out after "
                + timeout.toMillis() / 1000.0
                + " s in "
                + what
                + (tag >= 0 ? " (tag " + tag + ")" : "")
                + (peer >= 0 ? " with rank " + peer : "")
                + " (a peer is dead or stuck)");
      }
      Thread.yield();
    }
  }

  /** Runs a blocking vendor call under the watchdog. */
  void blocking(String what, MpiCall call) {
    blockingWhat = what;
    blockingDeadline = System.nanoTime() + timeout.toNanos();
    try {
      call.run();
    } catch (MPIException e) {
      throw fail(what, e);
    } finally {
      blockingDeadline = 0;
    }
  }

  /** An MPI operation that may throw the bindings' checked exception. */
  @FunctionalInterface
  interface MpiCall {
    void run() throws MPIException;
  }

  CommunicatorException fail(String what, MPIException e) {
    failed = true;
    return new CommunicatorException("rank " + rank + ": " + what + " failed: " + firstLine(e), e);
  }

  private void watch() {
    while (true) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      long d = blockingDeadline;
      if (d != 0 && System.nanoTime() - d > 0) {
        System.err.println(
            "gossipbench: error: rank "
                + rank
                + ": timed out after "
                + timeout.toMillis() / 1000.0
                + " s in "
                + blockingWhat
                + " (a peer is dead or stuck); ending this rank so mpirun stops the job");
        System.err.flush();
        Runtime.getRuntime().halt(1);
      }
    }
  }

  /**
   * MPI has one way to fail a job: {@code MPI_Abort}, which ends every rank. The cause is printed
   * first, since this process does not return to say it.
   */
  @Override
  public void abort(Throwable cause) {
    failed = true;
    String why = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    System.err.println("gossipbench: error: rank " + rank + ": aborting the MPI job: " + why);
    System.err.flush();
    try {
      world.abort(1);
    } catch (MPIException e) {
      Runtime.getRuntime().halt(1);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    watchdog.interrupt();
    if (!failed) {
      try {
        MPI.Finalize();
      } catch (MPIException e) {
        throw fail("MPI_Finalize", e);
      }
    }
  }
}
