package org.gossipbench.bench.sweep;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the machine's aggregate memory copy rate in the same run as the collectives, for the
 * floor column: the bytes an operation must at least copy, divided by this rate, is the time no
 * implementation on this machine can beat. Rates are in bytes copied per second (a copied byte is
 * read once and written once), with one copying thread per core that the ranks share.
 */
public final class MemoryBandwidth {
  private MemoryBandwidth() {}

  /**
   * Best of {@code repeats} rounds; each of {@code threads} threads copies its own {@code bytes}
   * array concurrently.
   */
  public static double copyBytesPerSecond(int threads, int bytes, int repeats) {
    float[][] src = new float[threads][bytes / Float.BYTES];
    float[][] dst = new float[threads][bytes / Float.BYTES];
    for (float[] s : src) {
      java.util.Arrays.fill(s, 1f);
    }
    double best = 0;
    for (int r = 0; r < repeats + 1; r++) {
      CountDownLatch start = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(threads);
      AtomicLong slowestNanos = new AtomicLong();
      for (int t = 0; t < threads; t++) {
        final int id = t;
        Thread th =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  long t0 = System.nanoTime();
                  System.arraycopy(src[id], 0, dst[id], 0, src[id].length);
                  slowestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
                  done.countDown();
                },
                "membw-" + t);
        th.setDaemon(true);
        th.start();
      }
      start.countDown();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (r > 0) { // round 0 warms the JIT and the pages
        best =
            Math.max(
                best, (double) threads * src[0].length * Float.BYTES / (slowestNanos.get() / 1e9));
      }
    }
    return best;
  }
}
