package org.gossipbench.workloads.algorithm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What one rank spent in one step, filled by the {@link AlgorithmContext}'s timed collectives and
 * gradient source and read (then {@link #reset()}) by the trainer after each step. The step's
 * compute time is the step's time minus its communication time, so nothing an algorithm does
 * between collectives escapes the accounting. Primitive fields only: no allocation.
 */
public final class StepMeter {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private long communicationNanos;
  private long communicationCpuNanos;
  private long projectedCommunicationNanos;
  private double lossSum;
  private int gradients;

  /**
   * Bytes the calling thread has allocated so far, or -1 where the JVM cannot say (HotSpot can):
   * how the trainer shows that a step allocates nothing on the harness side.
   */
  public static long threadAllocatedBytes() {
    return THREADS instanceof com.sun.management.ThreadMXBean t
            && t.isThreadAllocatedMemorySupported()
            && t.isThreadAllocatedMemoryEnabled()
        ? t.getCurrentThreadAllocatedBytes()
        : -1;
  }

  /** CPU time of the calling thread, or 0 where the JVM cannot measure it. */
  public static long threadCpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0L;
  }

  void addCommunication(long wallNanos, long cpuNanos, long projectedNanos) {
    communicationNanos += wallNanos;
    communicationCpuNanos += cpuNanos;
    projectedCommunicationNanos += projectedNanos;
  }

  void addLoss(double loss) {
    lossSum += loss;
    gradients++;
  }

  public long communicationNanos() {
    return communicationNanos;
  }

  public long communicationCpuNanos() {
    return communicationCpuNanos;
  }

  public long projectedCommunicationNanos() {
    return projectedCommunicationNanos;
  }

  /** Mean loss over the gradients drawn in this step (NaN if none). */
  public double meanLoss() {
    return gradients == 0 ? Double.NaN : lossSum / gradients;
  }

  public int gradients() {
    return gradients;
  }

  public void reset() {
    communicationNanos = 0;
    communicationCpuNanos = 0;
    projectedCommunicationNanos = 0;
    lossSum = 0;
    gradients = 0;
  }
}
