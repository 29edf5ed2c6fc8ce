package org.gossipbench.collectives.collective;

/** How allreduce combines: the sum, or the average (the sum scaled by 1/n once, at the end). */
public enum ReduceOp {
  SUM("sum"),
  AVG("avg");

  private final String label;

  ReduceOp(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static ReduceOp parse(String s) {
    for (ReduceOp op : values()) {
      if (op.label.equals(s)) {
        return op;
      }
    }
    throw new IllegalArgumentException("unknown reduction '" + s + "'; known: sum, avg");
  }
}
