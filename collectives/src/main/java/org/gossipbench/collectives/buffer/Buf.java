package org.gossipbench.collectives.buffer;

import java.nio.Buffer;

/**
 * A flat buffer of one element type that collectives read, write and reduce in place. The
 * operations are the whole vocabulary of the collectives (copy, add, scale, weighted accumulation),
 * so every algorithm is written once for both element types; none allocates. Offsets and counts are
 * in elements. Not thread-safe: a rank owns its buffers.
 */
public sealed interface Buf permits FloatBuf, DoubleBuf {

  static Buf allocate(DType type, int length) {
    return switch (type) {
      case FLOAT32 -> new FloatBuf(new float[length]);
      case FLOAT64 -> new DoubleBuf(new double[length]);
    };
  }

  DType dtype();

  /** Capacity in elements. */
  int length();

  /** dst[dstOffset, +count) = this[srcOffset, +count). Same element type required. */
  void copyTo(int srcOffset, Buf dst, int dstOffset, int count);

  /** this[offset, +count) += src[srcOffset, +count). */
  void add(int offset, Buf src, int srcOffset, int count);

  /** this[offset, +count) *= factor. */
  void scale(int offset, int count, double factor);

  /** this[offset, +count) = weight · src[srcOffset, +count). */
  void setScaled(int offset, Buf src, int srcOffset, int count, double weight);

  /** this[offset, +count) += weight · src[srcOffset, +count). */
  void addScaled(int offset, Buf src, int srcOffset, int count, double weight);

  /**
   * this[offset, +count) = selfWeight · this[…] + weight · src[srcOffset, +count), in one pass;
   * each product is rounded to the element type before the sum, exactly as {@link #scale} followed
   * by {@link #addScaled} would round.
   */
  void combine(int offset, double selfWeight, Buf src, int srcOffset, int count, double weight);

  /**
   * view[at, +count) = this[offset, +count), for transports that move bytes through direct memory.
   * The view is a {@code FloatBuffer} for a float buffer, a {@code DoubleBuffer} for a double one
   * (made once, e.g. over a direct {@code ByteBuffer}); its position is left alone and nothing is
   * allocated.
   */
  void copyToView(int offset, Buffer view, int at, int count);

  /** this[offset, +count) = view[at, +count); the view as for {@link #copyToView}. */
  void copyFromView(Buffer view, int at, int offset, int count);

  /** Element i as a double (tests and correctness checks). */
  double getDouble(int i);

  /** Sets element i from a double, rounded to the element type. */
  void setDouble(int i, double value);

  /** Range check shared by the transports: throws with a message naming what was asked. */
  static void checkRange(Buf b, int offset, int count) {
    if (offset < 0 || count < 0 || offset > b.length() - count) {
      throw new IndexOutOfBoundsException(
          "range ["
              + offset
              + ", "
              + offset
              + "+"
              + count
              + ") outside a buffer of "
              + b.length()
              + " elements");
    }
  }
}
