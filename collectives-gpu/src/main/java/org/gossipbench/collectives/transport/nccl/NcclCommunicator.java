package org.gossipbench.collectives.transport.nccl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nccl;
import org.bytedeco.cuda.nccl.ncclComm;
import org.bytedeco.cuda.nccl.ncclUniqueId;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DeviceBuffer;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.CommunicatorException;
import org.gossipbench.collectives.comm.DeviceCommunicator;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.Request;
import org.gossipbench.collectives.comm.TransportConfig;
import org.gossipbench.collectives.launch.LaunchEnvironment;

/**
 * One rank of an NCCL job: one process, one GPU, one NCCL communicator and one CUDA stream that
 * every device operation of this rank is queued on, in order, so a collective is queued whole and
 * waited for once.
 *
 * <p>Control traffic (the barrier before each timed iteration, the sweep's reports, the collectives
 * of ours that compute on host memory) goes over a tcp communicator joined through the same
 * launcher rendezvous: NCCL matches point-to-point messages by order alone, with no tags, so it
 * cannot keep the (peer, tag) matching of {@link Communicator}'s contract, and a host barrier
 * measures what the sweep means by "all ranks start together". The NCCL unique id travels through
 * that rendezvous's store ({@link UniqueIdExchange}).
 *
 * <p>Never a hang: every wait for the stream polls {@code cudaStreamQuery} and {@code
 * ncclCommGetAsyncError} (a dead peer shows as a remote or system error) and, past the timeout,
 * aborts the NCCL communicator ({@code ncclCommAbort}) and fails with one line. Host calls that can
 * block on a peer (init, group end, abort itself) run under a watchdog that ends the process with
 * one line if one outlives the timeout, so that the launcher stops the rest of the job, as the mpi
 * transport does.
 *
 * <p>Device selection: {@code GOSSIPBENCH_CUDA_DEVICE}, else {@code LOCAL_RANK}, else the rank,
 * modulo the visible devices. NCCL (since 2.5) refuses two ranks of one communicator on one GPU
 * ("Duplicate GPU detected"), which the join reports on one line. Used by one thread.
 */
public final class NcclCommunicator implements DeviceCommunicator {
  private static final String DEVICE_VARIABLE = "GOSSIPBENCH_CUDA_DEVICE";

  private final int rank;
  private final int size;
  private final Duration timeout;
  private final Communicator control; // null for one rank: nobody to talk to
  private final int device;
  private final ncclComm comm = new ncclComm();
  private final CUstream_st stream = new CUstream_st();
  private final cublasContext blas = new cublasContext();
  private final Map<Buf, NcclDeviceBuffer> buffers = new IdentityHashMap<>();
  private final List<NcclDeviceBuffer> scratch = new ArrayList<>();
  private final AtomicLong deviceBytesSent = new AtomicLong();
  private final AtomicLong deviceBytesReceived = new AtomicLong();
  private final int[] asyncError = new int[1];
  private final FloatPointer floatScalar = new FloatPointer(1);
  private final DoublePointer doubleScalar = new DoublePointer(1);
  private final DeviceAddress.Floats floatsX = new DeviceAddress.Floats();
  private final DeviceAddress.Floats floatsY = new DeviceAddress.Floats();
  private final DeviceAddress.Doubles doublesX = new DeviceAddress.Doubles();
  private final DeviceAddress.Doubles doublesY = new DeviceAddress.Doubles();
  private final Thread watchdog;
  private volatile long guardDeadline; // System.nanoTime() deadline of a blocking call, 0 if none
  private volatile String guardWhat;
  private boolean ncclReady;
  private boolean failed;
  private boolean closed;

  private NcclCommunicator(int rank, int size, Duration timeout, Communicator control, int device) {
    this.rank = rank;
    this.size = size;
    this.timeout = timeout;
    this.control = control;
    this.device = device;
    this.watchdog = new Thread(this::watch, "gossipbench-rank-" + rank + "-nccl-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /**
   * Joins the job {@code config} describes: alone when no launcher started this process (one rank),
   * else as the launcher's rank, with a tcp communicator for control traffic.
   *
   * @throws IllegalArgumentException on one line when this machine cannot run NCCL (the probe's
   *     reason) or the settings do not fit
   * @throws CommunicatorException on one line when a peer does not join or NCCL refuses
   */
  static NcclCommunicator join(TransportConfig config) {
    NcclProbe.Result probe = NcclProbe.probe();
    if (!probe.available()) {
      throw new IllegalArgumentException("--transport nccl: " + probe.reason());
    }
    Optional<LaunchEnvironment> launched = LaunchEnvironment.detect(config.environment());
    if (launched.isEmpty() && config.ranks() > 1) {
      throw new IllegalArgumentException(
          "--transport nccl with "
              + config.ranks()
              + " ranks needs one process per rank: gossipbench launch -np "
              + config.ranks()
              + " -- collectives --transport nccl ...");
    }
    Communicator control = null;
    LaunchEnvironment env = launched.orElse(null);
    if (env != null && env.worldSize() > 1) {
      control = joinControl(config);
    }
    int rank = env == null ? 0 : env.rank();
    int size = env == null ? 1 : env.worldSize();
    if (config.ranks() > 0 && config.ranks() != size) {
      throw new IllegalArgumentException(
          "-np " + config.ranks() + " does not match the launcher's world size " + size);
    }
    int device = Math.floorMod(localIndex(config.environment(), rank), probe.devices());
    NcclCommunicator c = new NcclCommunicator(rank, size, config.timeout(), control, device);
    try {
      c.init(env);
      return c;
    } catch (RuntimeException e) {
      c.failed = true;
      if (control != null) {
        control.abort(e); // the peers fail now, naming this rank, instead of at their timeout
      }
      c.close();
      throw e;
    }
  }

  /**
   * The tcp rank of this process. Joined through its provider, so that its checks (token, world
   * size, addresses) and messages are the tcp transport's own; its single-rank job hands the
   * communicator to the caller's thread.
   */
  private static Communicator joinControl(TransportConfig config) {
    Job tcp =
        new TransportConfig()
            .transport("tcp")
            .ranks(config.ranks())
            .timeout(config.timeout())
            .bindAddress(config.bindAddress())
            .advertiseAddress(config.advertiseAddress())
            .environment(config.environment())
            .join();
    Communicator[] out = new Communicator[1];
    tcp.run(c -> out[0] = c);
    return out[0];
  }

  private static int localIndex(Map<String, String> env, int rank) {
    for (String v : new String[] {DEVICE_VARIABLE, "LOCAL_RANK", "SLURM_LOCALID"}) {
      String s = env.get(v);
      if (s != null && !s.isBlank()) {
        try {
          return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(v + " must be an integer, got '" + s + "'");
        }
      }
    }
    return rank;
  }

  private void init(LaunchEnvironment env) {
    cuda(cudart.cudaSetDevice(device), "cudaSetDevice(" + device + ")");
    ncclUniqueId id = new ncclUniqueId();
    int idBytes = nccl.NCCL_UNIQUE_ID_BYTES;
    if (rank == 0) {
      nccl(nccl.ncclGetUniqueId(id), "ncclGetUniqueId");
    }
    if (size > 1) {
      byte[] mine = new byte[idBytes];
      if (rank == 0) {
        id.internal().get(mine);
      }
      byte[] shared = UniqueIdExchange.share(env, rank == 0 ? mine : null, idBytes, timeout);
      id.internal().put(shared);
    }
    enterBlocking("ncclCommInitRank");
    int err;
    try {
      err = nccl.ncclCommInitRank(comm, size, id, rank);
    } finally {
      exitBlocking();
    }
    if (err != nccl.ncclSuccess) {
      String why = nccl.ncclGetErrorString(err).getString();
      if (err == nccl.ncclInvalidUsage && size > 1) {
        throw new CommunicatorException(
            "rank "
                + rank
                + ": ncclCommInitRank refused ("
                + why
                + "): NCCL allows one rank per GPU per communicator (\"Duplicate GPU detected\");"
                + " this rank is on device "
                + device
                + " of "
                + NcclProbe.probe().devices()
                + ", so run at most that many ranks per host");
      }
      throw new CommunicatorException("rank " + rank + ": ncclCommInitRank failed: " + why);
    }
    ncclReady = true;
    cuda(
        cudart.cudaStreamCreateWithFlags(stream, cudart.cudaStreamNonBlocking), "cudaStreamCreate");
    blas(cublas.cublasCreate_v2(blas), "cublasCreate");
    blas(cublas.cublasSetStream_v2(blas, stream), "cublasSetStream");
  }

  @Override
  public int rank() {
    return rank;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String transport() {
    return "nccl";
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  /** The CUDA device this rank runs on. */
  public int device() {
    return device;
  }

  ncclComm nccl() {
    return comm;
  }

  /**
   * The CUDA stream every device operation of this rank is queued on (NCCL's, cuBLAS's, copies):
   * work a caller queues there runs in order with this rank's collectives, so nothing between a
   * GEMM and an {@code ncclAllReduce} on its output needs a host synchronization.
   */
  public CUstream_st stream() {
    return stream;
  }

  /** This rank's cuBLAS handle, bound to {@link #stream()}; owned and destroyed by this rank. */
  public cublasContext cublas() {
    return blas;
  }

  /**
   * The device address of element 0 of the device copy whose mirror is {@code mirror} (a buffer
   * from {@link #allocateDevice}), for callers that compute on it with cuBLAS.
   *
   * @throws IllegalArgumentException when {@code mirror} is no device buffer's mirror
   */
  public long deviceAddress(Buf mirror) {
    NcclDeviceBuffer b = buffers.get(mirror);
    if (b == null) {
      throw new IllegalArgumentException("not the host mirror of a device buffer of this rank");
    }
    return b.address();
  }

  static int ncclType(DType type) {
    return type == DType.FLOAT32 ? nccl.ncclFloat32 : nccl.ncclFloat64;
  }

  // ---- device memory

  @Override
  public DeviceBuffer allocateDevice(DType type, int length) {
    NcclDeviceBuffer b = new NcclDeviceBuffer(this, type, length, true);
    buffers.put(b.host(), b);
    return b;
  }

  /**
   * Device scratch of {@code length} elements for a planned collective; no host mirror. A
   * collective has no close, so scratch lives until this communicator closes (a sweep's sizes
   * together hold about 4/3 of the largest size's scratch).
   */
  NcclDeviceBuffer scratch(DType type, int length) {
    NcclDeviceBuffer b = new NcclDeviceBuffer(this, type, length, false);
    scratch.add(b);
    return b;
  }

  /** Like {@link #scratch}, with a host mirror: a collective's copy of host data. */
  NcclDeviceBuffer staging(DType type, int length) {
    NcclDeviceBuffer b = new NcclDeviceBuffer(this, type, length, true);
    scratch.add(b);
    return b;
  }

  /** The device buffer whose mirror {@code host} is, or null when {@code host} is host memory. */
  NcclDeviceBuffer deviceOf(Buf host) {
    return buffers.get(host);
  }

  void forget(NcclDeviceBuffer b) {
    buffers.values().remove(b);
  }

  // ---- device arithmetic (cuBLAS on this rank's stream; scalars from host memory)

  /** y[0, count) *= factor, rounded to the element type as {@link Buf#scale} rounds. */
  void scale(DType type, long y, int count, double factor) {
    if (count == 0) {
      return;
    }
    if (type == DType.FLOAT32) {
      floatScalar.put(0, (float) factor);
      blas(cublas.cublasSscal_v2(blas, count, floatScalar, floatsY.at(y), 1), "cublasSscal");
    } else {
      doubleScalar.put(0, factor);
      blas(cublas.cublasDscal_v2(blas, count, doubleScalar, doublesY.at(y), 1), "cublasDscal");
    }
  }

  /**
   * y[0, count) += x[0, count): axpy with α = 1, exact like {@link Buf#add} whether or not the
   * library fuses the multiply (1·x is exact, so one rounding either way).
   */
  void add(DType type, long y, long x, int count) {
    if (count == 0) {
      return;
    }
    if (type == DType.FLOAT32) {
      floatScalar.put(0, 1f);
      blas(
          cublas.cublasSaxpy_v2(blas, count, floatScalar, floatsX.at(x), 1, floatsY.at(y), 1),
          "cublasSaxpy");
    } else {
      doubleScalar.put(0, 1.0);
      blas(
          cublas.cublasDaxpy_v2(blas, count, doubleScalar, doublesX.at(x), 1, doublesY.at(y), 1),
          "cublasDaxpy");
    }
  }

  // ---- waiting, with a deadline

  /**
   * Returns once every operation queued on this rank's stream has finished; fails on one line when
   * the device or NCCL reports an error, or after the timeout (aborting the NCCL communicator, so
   * its kernels stop waiting for a peer that is gone). Spins: a collective of a few microseconds
   * must not pay a park's wake-up.
   */
  public void awaitStream(String what) {
    int q = cudart.cudaStreamQuery(stream);
    if (q == cudart.cudaSuccess) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int spins = 0; ; spins++) {
      if (q != cudart.cudaErrorNotReady) {
        failed = true;
        throw new CommunicatorException(
            "rank "
                + rank
                + ": "
                + what
                + " failed on device "
                + device
                + ": "
                + cudart.cudaGetErrorString(q).getString());
      }
      if (ncclReady && size > 1) {
        nccl.ncclCommGetAsyncError(comm, asyncError);
        if (asyncError[0] != nccl.ncclSuccess && asyncError[0] != nccl.ncclInProgress) {
          String why = nccl.ncclGetErrorString(asyncError[0]).getString();
          abortNccl();
          throw new CommunicatorException(
              "rank " + rank + ": NCCL failed during " + what + ": " + why + " (a peer died?)");
        }
      }
      if (System.nanoTime() - deadline > 0) {
        abortNccl();
        throw new CommunicatorException(
            "rank "
                + rank
                + ": timed out after "
                + timeout.toMillis() / 1000.0
                + " s in "
                + what
                + " (a peer is dead or stuck); NCCL communicator aborted");
      }
      if (spins < 10_000) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
      q = cudart.cudaStreamQuery(stream);
      if (q == cudart.cudaSuccess) {
        return;
      }
    }
  }

  /**
   * Marks the start of a host call that may block on a peer (e.g. {@code ncclGroupEnd} while
   * connections are set up): past the timeout the watchdog ends the process. Two volatile writes,
   * so the hot path may use it.
   */
  void enterBlocking(String what) {
    guardWhat = what;
    guardDeadline = System.nanoTime() + timeout.toNanos();
  }

  void exitBlocking() {
    guardDeadline = 0;
  }

  private void watch() {
    while (true) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      long d = guardDeadline;
      if (d != 0 && System.nanoTime() - d > 0) {
        System.err.println(
            "gossipbench: error: rank "
                + rank
                + ": timed out after "
                + timeout.toMillis() / 1000.0
                + " s in "
                + guardWhat
                + " (a peer is dead or stuck); ending this rank so the launcher stops the job");
        System.err.flush();
        Runtime.getRuntime().halt(1);
      }
    }
  }

  private void abortNccl() {
    failed = true;
    if (ncclReady) {
      ncclReady = false;
      enterBlocking("ncclCommAbort");
      try {
        nccl.ncclCommAbort(comm);
      } finally {
        exitBlocking();
      }
    }
  }

  // ---- error checks: one line naming the call

  /** Fails on one line naming {@code what} and the device when {@code err} is a CUDA error. */
  public void cuda(int err, String what) {
    if (err != cudart.cudaSuccess) {
      failed = true;
      throw new CommunicatorException(
          "rank "
              + rank
              + ": "
              + what
              + " failed on device "
              + device
              + ": "
              + cudart.cudaGetErrorString(err).getString());
    }
  }

  void nccl(int err, String what) {
    if (err != nccl.ncclSuccess && err != nccl.ncclInProgress) {
      String why = nccl.ncclGetErrorString(err).getString();
      abortNccl();
      throw new CommunicatorException("rank " + rank + ": " + what + " failed: " + why);
    }
  }

  /** Fails on one line naming {@code what} when {@code status} is a cuBLAS error. */
  public void blas(int status, String what) {
    if (status != cublas.CUBLAS_STATUS_SUCCESS) {
      failed = true;
      throw new CommunicatorException(
          "rank " + rank + ": " + what + " failed with cuBLAS status " + status);
    }
  }

  // ---- byte counters

  void countSent(long bytes) {
    deviceBytesSent.addAndGet(bytes);
  }

  void countReceived(long bytes) {
    deviceBytesReceived.addAndGet(bytes);
  }

  @Override
  public long bytesSent() {
    return deviceBytesSent.get() + (control == null ? 0 : control.bytesSent());
  }

  @Override
  public long bytesReceived() {
    return deviceBytesReceived.get() + (control == null ? 0 : control.bytesReceived());
  }

  // ---- control traffic, over tcp

  private Communicator control() {
    if (control == null) {
      throw new IllegalArgumentException("rank 0 of 1 has nobody to message");
    }
    return control;
  }

  @Override
  public Request sendInit(Buf buf, int offset, int count, int peer, int tag) {
    return control().sendInit(buf, offset, count, peer, tag);
  }

  @Override
  public Request recvInit(Buf buf, int offset, int count, int peer, int tag) {
    return control().recvInit(buf, offset, count, peer, tag);
  }

  @Override
  public Request recvCombineInit(
      Buf buf, int offset, int count, int peer, int tag, double selfWeight, double weight) {
    return control().recvCombineInit(buf, offset, count, peer, tag, selfWeight, weight);
  }

  @Override
  public void barrier() {
    if (control != null) {
      control.barrier();
    }
  }

  @Override
  public void abort(Throwable cause) {
    abortNccl();
    if (control != null) {
      control.abort(cause);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      for (NcclDeviceBuffer b : buffers.values().toArray(new NcclDeviceBuffer[0])) {
        b.close();
      }
      for (NcclDeviceBuffer b : scratch) {
        b.close();
      }
      if (ncclReady && !failed) {
        enterBlocking("ncclCommDestroy");
        try {
          nccl.ncclCommDestroy(comm);
        } finally {
          exitBlocking();
        }
        ncclReady = false;
      } else {
        abortNccl();
      }
      if (!blas.isNull()) {
        cublas.cublasDestroy_v2(blas);
      }
      if (!stream.isNull()) {
        cudart.cudaStreamDestroy(stream);
      }
    } finally {
      watchdog.interrupt();
      if (control != null) {
        control.close();
      }
    }
  }
}
