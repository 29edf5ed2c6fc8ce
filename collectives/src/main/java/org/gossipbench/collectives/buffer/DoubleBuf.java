package org.gossipbench.collectives.buffer;

import java.nio.Buffer;
import java.nio.DoubleBuffer;

/**
 * A {@link Buf} over a {@code double[]}. Reductions accumulate in double. Operands may be heap
 * ({@code DoubleBuf}) or direct ({@link DirectDoubleBuf}).
 */
public final class DoubleBuf implements Buf {
  private final double[] a;

  public DoubleBuf(double[] array) {
    this.a = array;
  }

  /** The backing array (shared, not copied). */
  public double[] array() {
    return a;
  }

  @Override
  public DType dtype() {
    return DType.FLOAT64;
  }

  @Override
  public int length() {
    return a.length;
  }

  @Override
  public void copyTo(int srcOffset, Buf dst, int dstOffset, int count) {
    if (dst instanceof DoubleBuf h) {
      System.arraycopy(a, srcOffset, h.a, dstOffset, count);
    } else {
      ((DirectDoubleBuf) dst).view().put(dstOffset, a, srcOffset, count);
    }
  }

  @Override
  public void add(int offset, Buf src, int srcOffset, int count) {
    if (src instanceof DoubleBuf h) {
      double[] s = h.a;
      for (int i = 0; i < count; i++) {
        a[offset + i] += s[srcOffset + i];
      }
    } else {
      DoubleBuffer s = ((DirectDoubleBuf) src).view();
      for (int i = 0; i < count; i++) {
        a[offset + i] += s.get(srcOffset + i);
      }
    }
  }

  @Override
  public void scale(int offset, int count, double factor) {
    double f = factor;
    for (int i = offset, end = offset + count; i < end; i++) {
      a[i] *= f;
    }
  }

  @Override
  public void setScaled(int offset, Buf src, int srcOffset, int count, double weight) {
    double w = weight;
    if (src instanceof DoubleBuf h) {
      double[] s = h.a;
      for (int i = 0; i < count; i++) {
        a[offset + i] = w * s[srcOffset + i];
      }
    } else {
      DoubleBuffer s = ((DirectDoubleBuf) src).view();
      for (int i = 0; i < count; i++) {
        a[offset + i] = w * s.get(srcOffset + i);
      }
    }
  }

  @Override
  public void addScaled(int offset, Buf src, int srcOffset, int count, double weight) {
    double w = weight;
    if (src instanceof DoubleBuf h) {
      double[] s = h.a;
      for (int i = 0; i < count; i++) {
        a[offset + i] += w * s[srcOffset + i];
      }
    } else {
      DoubleBuffer s = ((DirectDoubleBuf) src).view();
      for (int i = 0; i < count; i++) {
        a[offset + i] += w * s.get(srcOffset + i);
      }
    }
  }

  @Override
  public void combine(
      int offset, double selfWeight, Buf src, int srcOffset, int count, double weight) {
    double ws = selfWeight;
    double w = weight;
    if (src instanceof DoubleBuf h) {
      double[] s = h.a;
      for (int i = 0; i < count; i++) {
        a[offset + i] = ws * a[offset + i] + w * s[srcOffset + i];
      }
    } else {
      DoubleBuffer s = ((DirectDoubleBuf) src).view();
      for (int i = 0; i < count; i++) {
        a[offset + i] = ws * a[offset + i] + w * s.get(srcOffset + i);
      }
    }
  }

  @Override
  public void copyToView(int offset, Buffer view, int at, int count) {
    ((DoubleBuffer) view).put(at, a, offset, count);
  }

  @Override
  public void copyFromView(Buffer view, int at, int offset, int count) {
    ((DoubleBuffer) view).get(at, a, offset, count);
  }

  @Override
  public double getDouble(int i) {
    return a[i];
  }

  @Override
  public void setDouble(int i, double value) {
    a[i] = value;
  }
}
