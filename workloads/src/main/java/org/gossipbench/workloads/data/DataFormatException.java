package org.gossipbench.workloads.data;

/** A dataset file that does not parse: the message names the file and what is wrong. */
public final class DataFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(String message) {
    super(message);
  }
}
