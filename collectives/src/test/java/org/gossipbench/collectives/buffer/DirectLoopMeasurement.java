package org.gossipbench.collectives.buffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The measurement behind {@link DirectBuf}'s choice of loop: combine ({@code a = ws·a + w·b}) over
 * 1 MiB and 16 MiB of float32, heap and direct, in GB/s of {@code a}, best of five 150 ms windows
 * after two of warm-up. Run it alone on a quiet machine:
 *
 * <pre>{@code
 * mvn -B -o -q test-compile -pl collectives
 * java -cp collectives/target/classes:collectives/target/test-classes \
 *     org.gossipbench.collectives.buffer.DirectLoopMeasurement [pollute]
 * }</pre>
 *
 * 1 MiB runs again last: the Buf classes' methods are called few enough times in the first pass
 * that their rows there are not yet compiled code. With {@code pollute}, the FloatBuffer loop's
 * call sites first see heap and byte-swapped views, which is what made it slow before. The {@code
 * jdk.incubator.vector} variant needs {@code --add-modules jdk.incubator.vector} to compile, so it
 * is not kept here.
 */
final class DirectLoopMeasurement {
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
  private static final int CHUNK = (1 << 20) / Float.BYTES;
  private static float[] ha;
  private static float[] hb;
  private static final float[] CA = new float[CHUNK];
  private static final float[] CB = new float[CHUNK];
  private static ByteBuffer ba;
  private static ByteBuffer bb;
  private static FloatBuffer fa;
  private static FloatBuffer fb;
  private static final float WS = 0.5f;
  private static final float W = 0.25f;

  private DirectLoopMeasurement() {}

  private interface Variant {
    void run(int n);
  }

  static void heap(int n) {
    for (int i = 0; i < n; i++) {
      ha[i] = WS * ha[i] + W * hb[i];
    }
  }

  static void floatBuffer(int n) {
    FloatBuffer a = fa;
    FloatBuffer b = fb;
    for (int i = 0; i < n; i++) {
      a.put(i, WS * a.get(i) + W * b.get(i));
    }
  }

  static void byteBuffer(int n) {
    ByteBuffer a = ba;
    ByteBuffer b = bb;
    for (int i = 0; i < n; i++) {
      int o = i << 2;
      a.putFloat(o, WS * a.getFloat(o) + W * b.getFloat(o));
    }
  }

  static void stagedBoth(int n) {
    for (int d = 0; d < n; d += CHUNK) {
      int k = Math.min(CHUNK, n - d);
      fa.get(d, CA, 0, k);
      fb.get(d, CB, 0, k);
      for (int i = 0; i < k; i++) {
        CA[i] = WS * CA[i] + W * CB[i];
      }
      fa.put(d, CA, 0, k);
    }
  }

  static void stagedSource(int n) {
    for (int d = 0; d < n; d += CHUNK) {
      int k = Math.min(CHUNK, n - d);
      fb.get(d, CB, 0, k);
      for (int i = 0; i < k; i++) {
        ha[d + i] = WS * ha[d + i] + W * CB[i];
      }
    }
  }

  static void mixed(int n) {
    float[] a = ha;
    FloatBuffer b = fb;
    for (int i = 0; i < n; i++) {
      a[i] = WS * a[i] + W * b.get(i);
    }
  }

  private static Buf bufA;
  private static Buf bufB;

  static void bufCombine(int n) {
    bufA.combine(0, WS, bufB, 0, n, W);
  }

  private static double gigabytesPerSecond(Variant v, int n) {
    double best = 0;
    for (int window = 0; window < 7; window++) {
      int runs = 0;
      long t0 = System.nanoTime();
      long t;
      do {
        v.run(n);
        runs++;
        t = System.nanoTime();
      } while (t - t0 < 150_000_000L);
      if (window >= 2) {
        best = Math.max(best, (double) n * Float.BYTES * runs / (t - t0));
      }
    }
    return best;
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("pollute")) {
      int n = 1 << 16;
      for (int r = 0; r < 3000; r++) {
        fa =
            switch (r % 3) {
              case 0 -> FloatBuffer.wrap(new float[n]);
              case 1 -> ByteBuffer.allocateDirect(4 * n).asFloatBuffer();
              default -> ByteBuffer.allocate(4 * n).asFloatBuffer();
            };
        fb = fa;
        floatBuffer(n);
      }
    }
    String[] names = {
      "heap float[] loop",
      "direct FloatBuffer get/put",
      "direct ByteBuffer getFloat/putFloat",
      "both chunked to heap, loop, copy back",
      "heap a, direct b chunked to heap",
      "heap a, direct FloatBuffer b loop",
      "DirectFloatBuf.combine, direct b",
      "FloatBuf.combine, direct b"
    };
    Variant[] variants = {
      DirectLoopMeasurement::heap,
      DirectLoopMeasurement::floatBuffer,
      DirectLoopMeasurement::byteBuffer,
      DirectLoopMeasurement::stagedBoth,
      DirectLoopMeasurement::stagedSource,
      DirectLoopMeasurement::mixed,
      DirectLoopMeasurement::bufCombine,
      DirectLoopMeasurement::bufCombine
    };
    for (int mib : new int[] {1, 16, 1}) {
      int n = mib * (1 << 20) / Float.BYTES;
      ha = new float[n];
      hb = new float[n];
      ba = ByteBuffer.allocateDirect(n * Float.BYTES).order(NATIVE);
      bb = ByteBuffer.allocateDirect(n * Float.BYTES).order(NATIVE);
      fa = ba.asFloatBuffer();
      fb = bb.asFloatBuffer();
      for (int i = 0; i < n; i++) {
        ha[i] = i;
        hb[i] = i;
        fa.put(i, i);
        fb.put(i, i);
      }
      for (int k = 0; k < variants.length; k++) {
        bufA = k == variants.length - 1 ? new FloatBuf(ha) : new DirectFloatBuf(ba);
        bufB = new DirectFloatBuf(bb);
        System.out.printf(
            java.util.Locale.ROOT,
            "%2d MiB  %-40s %6.2f GB/s%n",
            mib,
            names[k],
            gigabytesPerSecond(variants[k], n));
      }
    }
  }
}
