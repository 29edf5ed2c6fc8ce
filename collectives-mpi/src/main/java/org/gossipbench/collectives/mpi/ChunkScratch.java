package org.gossipbench.collectives.mpi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.gossipbench.collectives.comm.Buf;
import org.gossipbench.collectives.comm.DType;
import org.gossipbench.collectives.comm.DoubleBuf;
import org.gossipbench.collectives.comm.FloatBuf;

/**
 * Moves elements between a rank's heap {@link Buf}s and the direct buffers MPI reads and writes
 * (typed views made once, at plan time, and used with absolute bulk gets and puts, so no message
 * allocates). Combining an arrival goes through one 1 MiB heap chunk, because the reductions are
 * written once, on {@link Buf}; every request of the rank reuses it, since only the rank's own
 * thread calls MPI.
 */
final class ChunkScratch {
  static final int CHUNK_BYTES = 1 << 20;

  private final FloatBuf floats = new FloatBuf(new float[CHUNK_BYTES / Float.BYTES]);
  private final DoubleBuf doubles = new DoubleBuf(new double[CHUNK_BYTES / Double.BYTES]);

  /** A direct buffer of {@code count} elements (at least one: MPI wants an address) as a view. */
  static Buffer allocate(DType type, int count) {
    ByteBuffer b =
        ByteBuffer.allocateDirect(Math.max(1, count) * type.bytes()).order(ByteOrder.nativeOrder());
    return type == DType.FLOAT32 ? b.asFloatBuffer() : b.asDoubleBuffer();
  }

  /** direct[to, +count) = buf[offset, +count). */
  static void copyIn(Buf buf, int offset, int count, Buffer direct, int to) {
    if (buf.dtype() == DType.FLOAT32) {
      ((FloatBuffer) direct).put(to, ((FloatBuf) buf).array(), offset, count);
    } else {
      ((DoubleBuffer) direct).put(to, ((DoubleBuf) buf).array(), offset, count);
    }
  }

  /** buf[offset, +count) = direct[from, +count). */
  static void copyOut(Buffer direct, int from, Buf buf, int offset, int count) {
    if (buf.dtype() == DType.FLOAT32) {
      ((FloatBuffer) direct).get(from, ((FloatBuf) buf).array(), offset, count);
    } else {
      ((DoubleBuffer) direct).get(from, ((DoubleBuf) buf).array(), offset, count);
    }
  }

  /**
   * buf[offset, +count) = selfWeight · buf[…] + weight · direct[from, +count), rounded as {@link
   * Buf#combine} rounds.
   */
  void combine(
      Buffer direct, int from, Buf buf, int offset, int count, double selfWeight, double weight) {
    Buf chunk = buf.dtype() == DType.FLOAT32 ? floats : doubles;
    int per = chunk.length();
    for (int done = 0; done < count; done += per) {
      int n = Math.min(per, count - done);
      copyOut(direct, from + done, chunk, 0, n);
      buf.combine(offset + done, selfWeight, chunk, 0, n, weight);
    }
  }
}
