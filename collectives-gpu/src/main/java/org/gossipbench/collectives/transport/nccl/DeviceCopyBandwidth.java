package org.gossipbench.collectives.transport.nccl;

import java.util.Locale;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;

/**
 * The device's own copy rate, for comparison with the collectives' bus bandwidth: {@code
 * cudaMemcpy} device to device of each size, timed with CUDA events over a number of repetitions
 * after a warm-up. Prints the probe's line first; exits 2 with it where there is no GPU.
 *
 * <p>Usage: {@code java -cp gossipbench.jar
 * org.gossipbench.collectives.transport.nccl.DeviceCopyBandwidth [bytes...]} (default 1 MiB to 1
 * GiB by 4). The rate is bytes copied per second (each byte is read and written once, so the memory
 * moves twice that).
 */
public final class DeviceCopyBandwidth {
  private DeviceCopyBandwidth() {}

  public static void main(String[] args) {
    NcclProbe.Result probe = NcclProbe.probe();
    if (!probe.available()) {
      System.err.println("gossipbench: error: " + probe.reason());
      System.exit(2);
    }
    System.out.println("# " + probe.describe());
    long[] sizes;
    if (args.length == 0) {
      sizes = new long[6];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = (1L << 20) << (2 * i);
      }
    } else {
      sizes = new long[args.length];
      for (int i = 0; i < args.length; i++) {
        sizes[i] = Long.parseLong(args[i]);
      }
    }
    long max = 0;
    for (long s : sizes) {
      max = Math.max(max, s);
    }
    check(cudart.cudaSetDevice(0), "cudaSetDevice");
    byte[] bus = new byte[32];
    if (cudart.cudaDeviceGetPCIBusId(bus, bus.length, 0) == cudart.cudaSuccess) {
      System.out.println("# device 0 at PCI " + new String(bus).trim().replace("\0", ""));
    }
    Pointer a = new Pointer();
    Pointer b = new Pointer();
    check(cudart.cudaMalloc(a, max), "cudaMalloc");
    check(cudart.cudaMalloc(b, max), "cudaMalloc");
    check(cudart.cudaMemset(a, 1, max), "cudaMemset");
    CUevent_st start = new CUevent_st();
    CUevent_st stop = new CUevent_st();
    check(cudart.cudaEventCreate(start), "cudaEventCreate");
    check(cudart.cudaEventCreate(stop), "cudaEventCreate");
    float[] ms = new float[1];
    System.out.println("#       size   reps    time_us   copy_GBps");
    for (long s : sizes) {
      int reps = (int) Math.max(5, Math.min(200, (4L << 30) / Math.max(1, s)));
      for (int w = 0; w < 3; w++) {
        check(cudart.cudaMemcpy(b, a, s, cudart.cudaMemcpyDeviceToDevice), "cudaMemcpy");
      }
      check(cudart.cudaDeviceSynchronize(), "cudaDeviceSynchronize");
      check(cudart.cudaEventRecord(start, null), "cudaEventRecord");
      for (int r = 0; r < reps; r++) {
        check(
            cudart.cudaMemcpyAsync(b, a, s, cudart.cudaMemcpyDeviceToDevice, null),
            "cudaMemcpyAsync");
      }
      check(cudart.cudaEventRecord(stop, null), "cudaEventRecord");
      check(cudart.cudaEventSynchronize(stop), "cudaEventSynchronize");
      check(cudart.cudaEventElapsedTime(ms, start, stop), "cudaEventElapsedTime");
      double seconds = ms[0] / 1e3 / reps;
      System.out.printf(
          Locale.ROOT, "%12d %6d %10.1f %11.1f%n", s, reps, seconds * 1e6, s / seconds / 1e9);
    }
    cudart.cudaFree(a);
    cudart.cudaFree(b);
  }

  private static void check(int err, String what) {
    if (err != cudart.cudaSuccess) {
      System.err.println(
          "gossipbench: error: " + what + " failed: " + cudart.cudaGetErrorString(err).getString());
      System.exit(1);
    }
  }
}
