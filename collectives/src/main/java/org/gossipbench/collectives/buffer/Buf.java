package org.gossipbench.collectives.buffer;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A flat buffer of one element type that collectives read, write and reduce in place. The
 * operations are the whole vocabulary of the collectives (copy, add, scale, weighted accumulation),
 * so every algorithm is written once for both element types; none allocates. Offsets and counts are
 * in elements. Not thread-safe: a rank owns its buffers.
 *
 * <p>The memory is a heap array ({@link FloatBuf}, {@link DoubleBuf}) or direct memory ({@link
 * DirectBuf}); operands of one operation may be either, in any mix, as long as they share the
 * element type.
 */
public sealed interface Buf permits FloatBuf, DoubleBuf, DirectBuf {

  /** A zeroed buffer of {@code length} elements on the heap. */
  static Buf allocate(DType type, int length) {
    return switch (type) {
      case FLOAT32 -> new FloatBuf(new float[length]);
      case FLOAT64 -> new DoubleBuf(new double[length]);
    };
  }

  /**
   * A zeroed buffer of {@code length} elements in freshly allocated direct memory, native order,
   * freed when the buffer becomes unreachable.
   */
  static DirectBuf allocateDirect(DType type, int length) {
    if (length < 0 || (long) length * type.bytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          length + " " + type.label() + " do not fit one direct buffer (2 GiB)");
    }
    return wrapDirect(type, ByteBuffer.allocateDirect(length * type.bytes()));
  }

  /**
   * A buffer over {@code bytes}' remaining bytes, as elements of {@code type} in native order (the
   * layout of an {@code INDArray}'s {@code data().asNio()}), sharing the memory: writes through
   * either are seen by the other. {@code bytes}' own position, limit and order are left alone.
   *
   * @throws IllegalArgumentException when {@code bytes} is not direct, is read-only, or holds no
   *     whole number of elements
   */
  static DirectBuf wrapDirect(DType type, ByteBuffer bytes) {
    if (!bytes.isDirect() || bytes.isReadOnly()) {
      throw new IllegalArgumentException(
          "a direct buf needs a writable direct ByteBuffer, got " + bytes);
    }
    if (bytes.remaining() % type.bytes() != 0) {
      throw new IllegalArgumentException(
          bytes.remaining() + " bytes are no whole number of " + type.label() + " elements");
    }
    ByteBuffer own = bytes.slice().order(ByteOrder.nativeOrder());
    return switch (type) {
      case FLOAT32 -> new DirectFloatBuf(own);
      case FLOAT64 -> new DirectDoubleBuf(own);
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
