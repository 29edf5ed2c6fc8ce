package org.gossipbench.workloads.train;

import org.gossipbench.collectives.buffer.DoubleBuf;

/**
 * One rank's per-step measurements in preallocated primitive arrays (the loop writes slots, it
 * never allocates), packed into one flat vector at the end so every rank's log can travel to rank 0
 * by an allgather over whatever transport the run uses.
 */
final class RankLog {
  static final int FIELDS = 12;

  final long[] wallNanos;
  final long[] cpuNanos;
  final long[] communicationNanos;
  final long[] communicationCpuNanos;
  final long[] projectedCommunicationNanos;
  final long[] bytesSent;
  final double[] loss;
  final long[] evalNanos; // -1: not evaluated after this step
  final double[] evalMetric;
  final double[] evalLoss;
  final double[] consensus;
  final long[] allocatedBytes; // by this rank's thread inside the step; -1 where not measurable
  int steps;

  RankLog(int capacity) {
    wallNanos = new long[capacity];
    cpuNanos = new long[capacity];
    communicationNanos = new long[capacity];
    communicationCpuNanos = new long[capacity];
    projectedCommunicationNanos = new long[capacity];
    bytesSent = new long[capacity];
    loss = new double[capacity];
    evalNanos = new long[capacity];
    evalMetric = new double[capacity];
    evalLoss = new double[capacity];
    consensus = new double[capacity];
    allocatedBytes = new long[capacity];
    java.util.Arrays.fill(evalNanos, -1);
  }

  /** Writes steps [0, steps) into {@code out} at {@code offset}, FIELDS values per step. */
  void pack(DoubleBuf out, int offset, int capacity) {
    double[] a = out.array();
    for (int k = 0; k < capacity; k++) {
      int at = offset + k * FIELDS;
      a[at] = wallNanos[k];
      a[at + 1] = cpuNanos[k];
      a[at + 2] = communicationNanos[k];
      a[at + 3] = communicationCpuNanos[k];
      a[at + 4] = projectedCommunicationNanos[k];
      a[at + 5] = bytesSent[k];
      a[at + 6] = loss[k];
      a[at + 7] = evalNanos[k];
      a[at + 8] = evalMetric[k];
      a[at + 9] = evalLoss[k];
      a[at + 10] = consensus[k];
      a[at + 11] = allocatedBytes[k];
    }
  }

  /** The inverse of {@link #pack}; longs below 2^53 round-trip exactly through doubles. */
  static RankLog unpack(DoubleBuf in, int offset, int steps) {
    RankLog log = new RankLog(steps);
    double[] a = in.array();
    for (int k = 0; k < steps; k++) {
      int at = offset + k * FIELDS;
      log.wallNanos[k] = (long) a[at];
      log.cpuNanos[k] = (long) a[at + 1];
      log.communicationNanos[k] = (long) a[at + 2];
      log.communicationCpuNanos[k] = (long) a[at + 3];
      log.projectedCommunicationNanos[k] = (long) a[at + 4];
      log.bytesSent[k] = (long) a[at + 5];
      log.loss[k] = a[at + 6];
      log.evalNanos[k] = (long) a[at + 7];
      log.evalMetric[k] = a[at + 8];
      log.evalLoss[k] = a[at + 9];
      log.consensus[k] = a[at + 10];
      log.allocatedBytes[k] = (long) a[at + 11];
    }
    log.steps = steps;
    return log;
  }
}
