package org.gossipbench.collectives.transport.nccl;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nccl;
import org.bytedeco.javacpp.Loader;

/**
 * Whether this process can run NCCL ranks: the CUDA driver, a device, the CUDA runtime, cuBLAS and
 * {@code libnccl.so.2}, loaded once through JavaCPP and the answer cached, so that a machine
 * without them gets one line naming what is missing (the provider refuses {@code --transport nccl}
 * with it, the tests skip with it) instead of a JVM error. Loading a missing native library throws
 * {@link UnsatisfiedLinkError} or, on a second try, {@link NoClassDefFoundError}: both are {@link
 * Error}s, caught here as {@link Throwable} because JavaCPP may wrap them.
 *
 * <p>None of the libraries ships in the jars: JavaCPP's JNI glue finds them through the dynamic
 * linker ({@code LD_LIBRARY_PATH}, {@code ldconfig}); the redist jars that would carry CUDA are
 * gigabytes and leave NCCL out anyway.
 */
public final class NcclProbe {

  /**
   * What the probe found.
   *
   * @param reason null when everything loaded; else one line naming what is missing
   * @param devices CUDA devices visible to this process
   * @param driverVersion e.g. 13000 for CUDA 13.0 (0 when unknown)
   * @param runtimeVersion the loaded libcudart's, same encoding
   * @param ncclVersion e.g. 22903 for NCCL 2.29.3 (0 when unknown)
   */
  public record Result(
      String reason, int devices, int driverVersion, int runtimeVersion, int ncclVersion) {
    public boolean available() {
      return reason == null;
    }

    /** One line for logs: versions, or the reason. */
    public String describe() {
      return available()
          ? "CUDA driver "
              + version(driverVersion)
              + ", runtime "
              + version(runtimeVersion)
              + ", NCCL "
              + ncclVersion / 10000
              + "."
              + ncclVersion / 100 % 100
              + "."
              + ncclVersion % 100
              + ", "
              + devices
              + " device(s)"
          : reason;
    }

    private static String version(int v) {
      return v / 1000 + "." + v % 1000 / 10;
    }
  }

  private static Result result;

  private NcclProbe() {}

  /** Probes on the first call; every later call returns the same answer. */
  public static synchronized Result probe() {
    if (result == null) {
      result = run();
    }
    return result;
  }

  private static Result run() {
    try {
      Loader.load(cudart.class);
    } catch (Throwable t) {
      return missing(t, "the CUDA runtime");
    }
    int[] v = new int[1];
    int driver = 0;
    int runtime = 0;
    try {
      if (cudart.cudaDriverGetVersion(v) != cudart.cudaSuccess || v[0] == 0) {
        return new Result("no CUDA driver: libcuda.so.1 not found or not loaded", 0, 0, 0, 0);
      }
      driver = v[0];
      cudart.cudaRuntimeGetVersion(v);
      runtime = v[0];
      int err = cudart.cudaGetDeviceCount(v);
      if (err != cudart.cudaSuccess || v[0] == 0) {
        return new Result(
            "no CUDA device: cudaGetDeviceCount says "
                + (err != cudart.cudaSuccess ? cudart.cudaGetErrorString(err).getString() : "0"),
            0,
            driver,
            runtime,
            0);
      }
    } catch (Throwable t) {
      return missing(t, "the CUDA runtime");
    }
    int devices = v[0];
    try {
      Loader.load(cublas.class);
    } catch (Throwable t) {
      return new Result(missing(t, "cuBLAS").reason(), devices, driver, runtime, 0);
    }
    try {
      Loader.load(nccl.class);
      nccl.ncclGetVersion(v);
    } catch (Throwable t) {
      return new Result(missing(t, "NCCL").reason(), devices, driver, runtime, 0);
    }
    return new Result(null, devices, driver, runtime, v[0]);
  }

  /** The one line for a library that would not load, naming the file the linker could not find. */
  static Result missing(Throwable t, String what) {
    return new Result(reasonFor(chainText(t), what), 0, 0, 0, 0);
  }

  /** Maps a loader's message to the line a user can act on; package-private for tests. */
  static String reasonFor(String text, String what) {
    if (text.contains("libcuda.so")) {
      return "no CUDA driver: libcuda.so.1 not found (a GPU machine has it from the NVIDIA driver)";
    }
    if (text.contains("libnccl")) {
      return "NCCL library libnccl.so.2 not found (install libnccl2 or point LD_LIBRARY_PATH at"
          + " the nvidia-nccl wheel's lib folder)";
    }
    if (text.contains("libcudart")) {
      return "CUDA runtime libcudart.so.13 not found (install the CUDA 13 toolkit or point"
          + " LD_LIBRARY_PATH at the nvidia-cuda-runtime wheel's lib folder)";
    }
    if (text.contains("libcublas")) {
      return "cuBLAS library libcublas.so.13 not found (install the CUDA 13 toolkit or point"
          + " LD_LIBRARY_PATH at the nvidia-cublas wheel's lib folder)";
    }
    return "cannot load " + what + ": " + firstLine(text);
  }

  private static String chainText(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (Throwable c = t; c != null && s.length() < 4000; c = c.getCause()) {
      s.append(c).append(" | ");
      for (Throwable sup : c.getSuppressed()) {
        s.append(sup).append(" | ");
      }
    }
    return s.toString();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
