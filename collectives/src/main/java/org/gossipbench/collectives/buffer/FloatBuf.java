package org.gossipbench.collectives.buffer;

import java.nio.Buffer;
import java.nio.FloatBuffer;

/**
 * A {@link Buf} over a {@code float[]}. Reductions accumulate in float, as NCCL does for fp32.
 * Operands may be heap ({@code FloatBuf}) or direct ({@link DirectFloatBuf}).
 */
public final class FloatBuf implements Buf {
  private final float[] a;

  public FloatBuf(float[] array) {
    this.a = array;
  }

  /** The backing array (shared, not copied). */
  public float[] array() {
    return a;
  }

  @Override
  public DType dtype() {
    return DType.FLOAT32;
  }

  @Override
  public int length() {
    return a.length;
  }

  @Override
  public void copyTo(int srcOffset, Buf dst, int dstOffset, int count) {
    if (dst instanceof FloatBuf h) {
      System.arraycopy(a, srcOffset, h.a, dstOffset, count);
    } else {
      ((DirectFloatBuf) dst).view().put(dstOffset, a, srcOffset, count);
    }
  }

  @Override
  public void add(int offset, Buf src, int srcOffset, int count) {
    if (src instanceof FloatBuf h) {
      float[] s = h.a;
      for (int i = 0; i < count; i++) {
        a[offset + i] += s[srcOffset + i];
      }
    } else {
      FloatBuffer s = ((DirectFloatBuf) src).view();
      for (int i = 0; i < count; i++) {
        a[offset + i] += s.get(srcOffset + i);
      }
    }
  }

  @Override
  public void scale(int offset, int count, double factor) {
    float f = (float) factor;
    for (int i = offset, end = offset + count; i < end; i++) {
      a[i] *= f;
    }
  }

  @Override
  public void setScaled(int offset, Buf src, int srcOffset, int count, double weight) {
    float w = (float) weight;
    if (src instanceof FloatBuf h) {
      float[] s = h.a;
      for (int i = 0; i < count; i++) {
        a[offset + i] = w * s[srcOffset + i];
      }
    } else {
      FloatBuffer s = ((DirectFloatBuf) src).view();
      for (int i = 0; i < count; i++) {
        a[offset + i] = w * s.get(srcOffset + i);
      }
    }
  }

  @Override
  public void addScaled(int offset, Buf src, int srcOffset, int count, double weight) {
    float w = (float) weight;
    if (src instanceof FloatBuf h) {
      float[] s = h.a;
      for (int i = 0; i < count; i++) {
        a[offset + i] += w * s[srcOffset + i];
      }
    } else {
      FloatBuffer s = ((DirectFloatBuf) src).view();
      for (int i = 0; i < count; i++) {
        a[offset + i] += w * s.get(srcOffset + i);
      }
    }
  }

  @Override
  public void combine(
      int offset, double selfWeight, Buf src, int srcOffset, int count, double weight) {
    float ws = (float) selfWeight;
    float w = (float) weight;
    if (src instanceof FloatBuf h) {
      float[] s = h.a;
      for (int i = 0; i < count; i++) {
        a[offset + i] = ws * a[offset + i] + w * s[srcOffset + i];
      }
    } else {
      FloatBuffer s = ((DirectFloatBuf) src).view();
      for (int i = 0; i < count; i++) {
        a[offset + i] = ws * a[offset + i] + w * s.get(srcOffset + i);
      }
    }
  }

  @Override
  public void copyToView(int offset, Buffer view, int at, int count) {
    ((FloatBuffer) view).put(at, a, offset, count);
  }

  @Override
  public void copyFromView(Buffer view, int at, int offset, int count) {
    ((FloatBuffer) view).get(at, a, offset, count);
  }

  @Override
  public double getDouble(int i) {
    return a[i];
  }

  @Override
  public void setDouble(int i, double value) {
    a[i] = (float) value;
  }
}
