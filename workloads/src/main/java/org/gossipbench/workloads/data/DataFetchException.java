package org.gossipbench.workloads.data;

/**
 * A download that failed: the registry could not be reached, answered with an error, or took longer
 * than the bound. Not the caller's input at fault, so not an {@link IllegalArgumentException}; the
 * message is one line and says how to fetch by hand.
 */
public final class DataFetchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
