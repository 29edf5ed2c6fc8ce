package org.gossipbench.collectives.collective;

/**
 * Splitting of element ranges: a count into n near-equal blocks (the first count mod n blocks one
 * element longer), and a block into segments of at most a given size, so that large messages travel
 * in pieces that can be reduced while the next is in flight.
 */
public final class Segments {
  /**
   * Default segment size: 1 MiB of float32, small enough to pipeline, large enough to amortize a
   * message.
   */
  public static final int DEFAULT_SEGMENT_ELEMENTS = 1 << 18;

  private Segments() {}

  /** Start of block b when {@code count} elements are split into n blocks. */
  public static int blockStart(int count, int n, int b) {
    int base = count / n;
    int extra = count % n;
    return b * base + Math.min(b, extra);
  }

  /** Length of block b. */
  public static int blockLength(int count, int n, int b) {
    return count / n + (b < count % n ? 1 : 0);
  }

  /**
   * Number of segments of at most {@code segment} elements covering {@code length} (at least 1).
   */
  public static int segmentCount(int length, int segment) {
    return Math.max(1, (length + segment - 1) / segment);
  }
}
