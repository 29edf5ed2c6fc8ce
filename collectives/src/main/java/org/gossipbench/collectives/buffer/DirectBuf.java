package org.gossipbench.collectives.buffer;

import java.nio.ByteBuffer;

/**
 * A {@link Buf} over direct (off-heap) memory in native byte order: memory a transport can hand to
 * a socket or to MPI as it is, and the memory behind a DL4J {@code INDArray} or any other native
 * array. Made by {@link Buf#allocateDirect} or {@link Buf#wrapDirect}; every operation accepts heap
 * and direct operands of the same element type alike.
 *
 * <p>Its loops are indexed {@code get}/{@code put} on a typed view it makes itself, the fastest
 * portable option measured on JDK 17 (combine, {@code a = ws·a + w·b}, 1 MiB and 16 MiB of float32,
 * GB/s of {@code a}): heap arrays 26.7 and 11.9; this loop 8.4 and 7.4 (heap destination, direct
 * source 8.8 and 6.9; {@code DirectFloatBuf.combine} itself, warm, 9.0 and 7.4); {@code
 * ByteBuffer.getFloat}/{@code putFloat} 2.8 and 3.0; copying 1 MiB chunks to the heap, looping and
 * copying back 3.5 and 3.4; {@code jdk.incubator.vector}'s {@code FloatVector.fromByteBuffer}
 * 7.9–11.1 and 8.7–9.4, too little over this loop to make every JVM of ours carry {@code
 * --add-modules jdk.incubator.vector} and its warning. The loop is that fast only while its call
 * sites see one buffer class: fed heap and byte-swapped views as well it fell to 0.5 GB/s. Hence
 * the views are made here, always over direct memory in native order, and never handed out ({@code
 * DirectLoopMeasurement}, in this module's tests, measures them all).
 */
public sealed interface DirectBuf extends Buf permits DirectFloatBuf, DirectDoubleBuf {

  /**
   * The whole buffer's memory as a fresh native-order byte buffer (position 0, limit {@code
   * length() × dtype().bytes()}), sharing the memory; for transports, which call it once per
   * request at plan time, never per message.
   */
  ByteBuffer bytes();
}
