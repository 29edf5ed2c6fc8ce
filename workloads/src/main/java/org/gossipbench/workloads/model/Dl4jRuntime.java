package org.gossipbench.workloads.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide ND4J settings for reproducible DL4J training, called once at start-up by the trainer
 * (and by every rank process under a multi-process transport) before any model is built.
 *
 * <p>Determinism: results must be bit-identical whether the nodes run as threads of one process or
 * as separate processes. libnd4j's own parallel loops and OpenBLAS's GEMM split work by thread
 * count, and a different split can change float summation order; with one thread per call the order
 * is fixed. Nodes are the parallelism here (8 simulated nodes on 2 cores), so one thread per op
 * costs nothing in aggregate. ND4J workspaces are per Java thread, so separate networks in separate
 * threads do not share scratch memory.
 *
 * <p>Measured with DL4J 1.0.0-M2.1 on 2 cores: the MLP and LeNet gradients differ bit-wise between
 * 1 and 2 threads per op (the ResNet's did not), and are reproducible for a fixed count, also with
 * 4 networks computing concurrently. The default count follows the machine (cores, or {@code
 * OMP_NUM_THREADS}), so it must be pinned for runs to agree across machines. {@code
 * Environment.setMaxThreads} is a no-op in libnd4j (the pool size stays as loaded); the working
 * knobs are {@code setMaxMasterThreads} (libnd4j's parallel loops) and the BLAS thread count, both
 * process-wide and effective after ND4J has loaded: {@code configure(1)} gives the same bits as
 * starting the JVM with {@code OMP_NUM_THREADS=1}.
 *
 * <p>What cannot be set from Java once ND4J has loaded: the OpenMP environment ({@code
 * OMP_NUM_THREADS}, {@code OMP_WAIT_POLICY}; DEPENDENCIES.md: {@code PASSIVE} is 1.2–2× faster on 2
 * cores) and JavaCPP's memory limits ({@code -Dorg.bytedeco.javacpp.maxbytes}). They are recorded
 * in the description for provenance.
 */
public final class Dl4jRuntime {
  private static String configured;

  private Dl4jRuntime() {}

  /**
   * Sets FLOAT as ND4J's default type and {@code threadsPerOp} threads for libnd4j and BLAS, and
   * disables ND4J's periodic {@code System.gc()} (which would perturb step timings). Idempotent for
   * the same argument; a second call with a different one is rejected.
   *
   * @return one line describing the settings in force, for provenance
   */
  public static synchronized String configure(int threadsPerOp) {
    if (threadsPerOp < 1) {
      throw new IllegalArgumentException("threads per op must be >= 1, got " + threadsPerOp);
    }
    String key = "threads=" + threadsPerOp;
    if (configured != null && !configured.startsWith(key + " ")) {
      throw new IllegalStateException(
          "DL4J runtime already configured (" + configured + "), asked for " + key);
    }
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    Environment env = Nd4j.getEnvironment();
    env.setMaxThreads(threadsPerOp);
    env.setMaxMasterThreads(threadsPerOp);
    Nd4j.factory().blas().setMaxThreads(threadsPerOp);
    Nd4j.getMemoryManager().togglePeriodicGc(false);
    configured = key + " " + describe();
    return configured;
  }

  /** The settings in force now (whether or not {@link #configure} ran). */
  public static String describe() {
    Environment env = Nd4j.getEnvironment();
    return "nd4j maxThreads="
        + env.maxThreads()
        + " maxMasterThreads="
        + env.maxMasterThreads()
        + " blas="
        + Nd4j.factory().blas().getBlasVendor()
        + " blasThreads="
        + Nd4j.factory().blas().getMaxThreads()
        + " periodicGc="
        + Nd4j.getMemoryManager().isPeriodicGcActive()
        + " OMP_NUM_THREADS="
        + envOrUnset("OMP_NUM_THREADS")
        + " OMP_WAIT_POLICY="
        + envOrUnset("OMP_WAIT_POLICY")
        + " OPENBLAS_NUM_THREADS="
        + envOrUnset("OPENBLAS_NUM_THREADS")
        + " javacpp.maxbytes="
        + System.getProperty("org.bytedeco.javacpp.maxbytes", "unset");
  }

  private static String envOrUnset(String name) {
    String v = System.getenv(name);
    return v == null ? "unset" : v;
  }
}
