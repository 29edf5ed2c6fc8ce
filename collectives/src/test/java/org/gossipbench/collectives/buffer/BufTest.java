package org.gossipbench.collectives.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class BufTest {
  private static final int N = 1031;

  static Stream<Arguments> mixes() {
    List<Arguments> cases = new ArrayList<>();
    for (DType type : DType.values()) {
      for (boolean dstDirect : new boolean[] {false, true}) {
        for (boolean srcDirect : new boolean[] {false, true}) {
          cases.add(Arguments.of(type, dstDirect, srcDirect));
        }
      }
    }
    return cases.stream();
  }

  private static Buf make(DType type, boolean direct, int seed) {
    Buf b = direct ? Buf.allocateDirect(type, N) : Buf.allocate(type, N);
    for (int i = 0; i < N; i++) {
      // Not exactly representable products, so any change in rounding order shows.
      b.setDouble(i, (i * 0.37 + seed) / 3.0);
    }
    return b;
  }

  private interface Op {
    void apply(Buf dst, Buf src);
  }

  private static void assertSameAsHeap(
      DType type, boolean dstDirect, boolean srcDirect, String name, Op op) {
    Buf expected = make(type, false, 1);
    op.apply(expected, make(type, false, 2));
    Buf dst = make(type, dstDirect, 1);
    op.apply(dst, make(type, srcDirect, 2));
    for (int i = 0; i < N; i++) {
      assertEquals(
          expected.getDouble(i),
          dst.getDouble(i),
          0.0,
          name + " " + type + " dst " + dstDirect + " src " + srcDirect + " element " + i);
    }
  }

  @ParameterizedTest(name = "{0} dst direct {1}, src direct {2}")
  @MethodSource("mixes")
  void shouldGiveHeapResultsBitForBitWhateverTheMemory(
      DType type, boolean dstDirect, boolean srcDirect) {
    assertSameAsHeap(type, dstDirect, srcDirect, "copyTo", (d, s) -> s.copyTo(3, d, 7, 900));
    assertSameAsHeap(type, dstDirect, srcDirect, "add", (d, s) -> d.add(5, s, 2, 1000));
    assertSameAsHeap(type, dstDirect, srcDirect, "scale", (d, s) -> d.scale(4, 1001, 0.3));
    assertSameAsHeap(
        type, dstDirect, srcDirect, "setScaled", (d, s) -> d.setScaled(1, s, 9, 1003, 0.7));
    assertSameAsHeap(
        type, dstDirect, srcDirect, "addScaled", (d, s) -> d.addScaled(6, s, 0, 1002, 0.3));
    assertSameAsHeap(
        type, dstDirect, srcDirect, "combine", (d, s) -> d.combine(2, 0.55, s, 11, 1010, 0.45));
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void shouldCopyThroughViewsWhateverTheMemory(DType type) {
    Buffer view = DirectStaging.allocateView(type, 50);
    for (boolean direct : new boolean[] {false, true}) {
      Buf src = make(type, direct, 4);
      Buf dst = direct ? Buf.allocate(type, N) : Buf.allocateDirect(type, N);
      src.copyToView(100, view, 10, 40);
      dst.copyFromView(view, 10, 200, 40);
      for (int i = 0; i < 40; i++) {
        assertEquals(src.getDouble(100 + i), dst.getDouble(200 + i), 0.0, "element " + i);
      }
      assertEquals(0.0, dst.getDouble(199), 0.0);
      assertEquals(0.0, dst.getDouble(240), 0.0);
      assertEquals(0, view.position(), "the view's position is left alone");
    }
  }

  @Test
  void shouldShareTheWrappedMemoryInNativeOrderAndLeaveTheCallersBufferAlone() {
    ByteBuffer bytes = ByteBuffer.allocateDirect(64).order(ByteOrder.BIG_ENDIAN);
    bytes.position(8).limit(40);
    Buf b = Buf.wrapDirect(DType.FLOAT32, bytes);
    assertInstanceOf(DirectFloatBuf.class, b);
    assertEquals(8, b.length());
    b.setDouble(0, 1.5);
    b.setDouble(7, -2.25);
    ByteBuffer same = bytes.duplicate().order(ByteOrder.nativeOrder());
    assertEquals(1.5f, same.getFloat(8), 0.0f);
    assertEquals(-2.25f, same.getFloat(36), 0.0f);
    same.putFloat(12, 3.0f);
    assertEquals(3.0, b.getDouble(1), 0.0, "writes through the caller's buffer are seen");
    assertEquals(8, bytes.position());
    assertEquals(40, bytes.limit());
    assertEquals(ByteOrder.BIG_ENDIAN, bytes.order());
  }

  @Test
  void shouldHandTransportsTheWholeMemoryAsFreshNativeOrderBytes() {
    DirectBuf b = Buf.allocateDirect(DType.FLOAT64, 10);
    b.setDouble(9, 7.0);
    ByteBuffer bytes = b.bytes();
    bytes.position(40);
    assertEquals(80, b.bytes().limit());
    assertEquals(0, b.bytes().position(), "each call gets its own position");
    assertEquals(ByteOrder.nativeOrder(), bytes.order());
    assertEquals(7.0, bytes.getDouble(72), 0.0);
  }

  @Test
  void shouldRejectHeapReadOnlyAndRaggedByteBuffers() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Buf.wrapDirect(DType.FLOAT32, ByteBuffer.allocate(16)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Buf.wrapDirect(DType.FLOAT32, ByteBuffer.allocateDirect(16).asReadOnlyBuffer()));
    assertThrows(
        IllegalArgumentException.class,
        () -> Buf.wrapDirect(DType.FLOAT64, ByteBuffer.allocateDirect(12)));
    assertThrows(IllegalArgumentException.class, () -> Buf.allocateDirect(DType.FLOAT64, -1));
  }

  @Test
  void shouldRejectOperandsOfAnotherElementType() {
    Buf floats = Buf.allocateDirect(DType.FLOAT32, 4);
    Buf doubles = Buf.allocate(DType.FLOAT64, 4);
    assertThrows(ClassCastException.class, () -> floats.add(0, doubles, 0, 4));
    assertThrows(ClassCastException.class, () -> doubles.combine(0, 1, floats, 0, 4, 1));
  }

  @ParameterizedTest(name = "{0} dst direct {1}, src direct {2}")
  @MethodSource("mixes")
  void shouldNotAllocateInAnyOperation(DType type, boolean dstDirect, boolean srcDirect) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported());
    Buf dst = make(type, dstDirect, 1);
    Buf src = make(type, srcDirect, 2);
    Buffer view = DirectStaging.allocateView(type, N);
    for (int k = 0; k < 2; k++) {
      long before = bean.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 2000; i++) {
        src.copyTo(0, dst, 0, N);
        dst.add(0, src, 0, N);
        dst.scale(0, N, 0.5);
        dst.setScaled(0, src, 0, N, 0.5);
        dst.addScaled(0, src, 0, N, 0.5);
        dst.combine(0, 0.5, src, 0, N, 0.5);
        dst.copyToView(0, view, 0, N);
        dst.copyFromView(view, 0, 0, N);
      }
      long bytes = bean.getCurrentThreadAllocatedBytes() - before;
      if (k == 1) {
        assertTrue(bytes < 2048, "allocated " + bytes + " bytes in 2000 rounds");
      }
    }
  }
}
