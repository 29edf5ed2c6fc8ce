package org.gossipbench.collectives.buffer;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;

/**
 * A {@link DirectBuf} of float64 (see there for why its loops are what they are). Reductions
 * accumulate in double and round exactly as {@link DoubleBuf}'s, so heap and direct buffers give
 * bit-identical results. Operands may be heap or direct.
 */
public final class DirectDoubleBuf implements DirectBuf {
  private final ByteBuffer bytes; // native order, position 0
  private final DoubleBuffer v;

  DirectDoubleBuf(ByteBuffer nativeOrderBytes) {
    this.bytes = nativeOrderBytes;
    this.v = nativeOrderBytes.asDoubleBuffer();
  }

  /** The typed view the loops run on (package-private: its class must stay the only one seen). */
  DoubleBuffer view() {
    return v;
  }

  @Override
  public ByteBuffer bytes() {
    return bytes.duplicate().order(bytes.order());
  }

  @Override
  public DType dtype() {
    return DType.FLOAT64;
  }

  @Override
  public int length() {
    return v.capacity();
  }

  @Override
  public void copyTo(int srcOffset, Buf dst, int dstOffset, int count) {
    if (dst instanceof DoubleBuf h) {
      v.get(srcOffset, h.array(), dstOffset, count);
    } else {
      ((DirectDoubleBuf) dst).v.put(dstOffset, v, srcOffset, count);
    }
  }

  @Override
  public void add(int offset, Buf src, int srcOffset, int count) {
    DoubleBuffer a = v;
    if (src instanceof DoubleBuf h) {
      double[] s = h.array();
      for (int i = 0; i < count; i++) {
        a.put(offset + i, a.get(offset + i) + s[srcOffset + i]);
      }
    } else {
      DoubleBuffer s = ((DirectDoubleBuf) src).v;
      for (int i = 0; i < count; i++) {
        a.put(offset + i, a.get(offset + i) + s.get(srcOffset + i));
      }
    }
  }

  @Override
  public void scale(int offset, int count, double factor) {
    DoubleBuffer a = v;
    double f = factor;
    for (int i = offset, end = offset + count; i < end; i++) {
      a.put(i, a.get(i) * f);
    }
  }

  @Override
  public void setScaled(int offset, Buf src, int srcOffset, int count, double weight) {
    DoubleBuffer a = v;
    double w = weight;
    if (src instanceof DoubleBuf h) {
      double[] s = h.array();
      for (int i = 0; i < count; i++) {
        a.put(offset + i, w * s[srcOffset + i]);
      }
    } else {
      DoubleBuffer s = ((DirectDoubleBuf) src).v;
      for (int i = 0; i < count; i++) {
        a.put(offset + i, w * s.get(srcOffset + i));
      }
    }
  }

  @Override
  public void addScaled(int offset, Buf src, int srcOffset, int count, double weight) {
    DoubleBuffer a = v;
    double w = weight;
    if (src instanceof DoubleBuf h) {
      double[] s = h.array();
      for (int i = 0; i < count; i++) {
        a.put(offset + i, a.get(offset + i) + w * s[srcOffset + i]);
      }
    } else {
      DoubleBuffer s = ((DirectDoubleBuf) src).v;
      for (int i = 0; i < count; i++) {
        a.put(offset + i, a.get(offset + i) + w * s.get(srcOffset + i));
      }
    }
  }

  @Override
  public void combine(
      int offset, double selfWeight, Buf src, int srcOffset, int count, double weight) {
    DoubleBuffer a = v;
    double ws = selfWeight;
    double w = weight;
    if (src instanceof DoubleBuf h) {
      double[] s = h.array();
      for (int i = 0; i < count; i++) {
        a.put(offset + i, ws * a.get(offset + i) + w * s[srcOffset + i]);
      }
    } else {
      DoubleBuffer s = ((DirectDoubleBuf) src).v;
      for (int i = 0; i < count; i++) {
        a.put(offset + i, ws * a.get(offset + i) + w * s.get(srcOffset + i));
      }
    }
  }

  @Override
  public void copyToView(int offset, Buffer view, int at, int count) {
    ((DoubleBuffer) view).put(at, v, offset, count);
  }

  @Override
  public void copyFromView(Buffer view, int at, int offset, int count) {
    v.put(offset, (DoubleBuffer) view, at, count);
  }

  @Override
  public double getDouble(int i) {
    return v.get(i);
  }

  @Override
  public void setDouble(int i, double value) {
    v.put(i, value);
  }
}
