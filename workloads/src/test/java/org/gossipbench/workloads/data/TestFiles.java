package org.gossipbench.workloads.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Small dataset files built in memory. */
final class TestFiles {
  private TestFiles() {}

  static byte[] idx(int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.put(data).array();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  /** {@code count} 28x28 images whose pixels are (image + pixel) mod 256, labels image mod 10. */
  static byte[][] mnistLike(int count) {
    byte[] pixels = new byte[count * 784];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % 10);
      for (int p = 0; p < 784; p++) {
        pixels[i * 784 + p] = (byte) (i + p);
      }
    }
    return new byte[][] {idx(new int[] {count, 28, 28}, pixels), idx(new int[] {count}, labels)};
  }
}
