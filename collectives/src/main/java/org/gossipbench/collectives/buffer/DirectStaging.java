package org.gossipbench.collectives.buffer;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What transports that move bytes through direct memory (TCP sockets, MPI) share: typed views of
 * direct buffers, and the combining of an arrival into a {@link Buf}. The reductions are written
 * once, on heap {@link Buf}s, where the JIT vectorizes them (a loop over a direct buffer ran at
 * less than half the speed on JDK 17), so an arrival is combined through a 1 MiB heap chunk. One
 * instance per thread that combines; nothing is allocated per message.
 */
public final class DirectStaging {
  public static final int CHUNK_BYTES = 1 << 20;

  private final FloatBuf floats = new FloatBuf(new float[CHUNK_BYTES / Float.BYTES]);
  private final DoubleBuf doubles = new DoubleBuf(new double[CHUNK_BYTES / Double.BYTES]);

  /**
   * A view of {@code type} over {@code bytes} (a {@code FloatBuffer} or a {@code DoubleBuffer}), in
   * the byte buffer's order.
   */
  public static Buffer view(ByteBuffer bytes, DType type) {
    return type == DType.FLOAT32 ? bytes.asFloatBuffer() : bytes.asDoubleBuffer();
  }

  /**
   * A direct buffer of {@code count} elements in native order (at least one: MPI wants an address).
   */
  public static Buffer allocateView(DType type, int count) {
    return view(
        ByteBuffer.allocateDirect(Math.max(1, count) * type.bytes()).order(ByteOrder.nativeOrder()),
        type);
  }

  /**
   * buf[offset, +count) = selfWeight · buf[…] + weight · view[at, +count), rounded as {@link
   * Buf#combine} rounds.
   */
  public void combine(
      Buffer view, int at, Buf buf, int offset, int count, double selfWeight, double weight) {
    Buf chunk = buf.dtype() == DType.FLOAT32 ? floats : doubles;
    int per = chunk.length();
    for (int done = 0; done < count; done += per) {
      int n = Math.min(per, count - done);
      chunk.copyFromView(view, at + done, 0, n);
      buf.combine(offset + done, selfWeight, chunk, 0, n, weight);
    }
  }
}
