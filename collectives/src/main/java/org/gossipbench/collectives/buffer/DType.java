package org.gossipbench.collectives.buffer;

/** Element types a collective can move, with their names as logged ({@code dtype} column). */
public enum DType {
  FLOAT32("float32", Float.BYTES),
  FLOAT64("float64", Double.BYTES);

  private final String label;
  private final int bytes;

  DType(String label, int bytes) {
    this.label = label;
    this.bytes = bytes;
  }

  /** The name used in CLI flags and logs. */
  public String label() {
    return label;
  }

  public int bytes() {
    return bytes;
  }

  public static DType parse(String s) {
    for (DType t : values()) {
      if (t.label.equals(s)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown dtype '" + s + "'; known: float32, float64");
  }
}
