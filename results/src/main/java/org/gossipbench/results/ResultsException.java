package org.gossipbench.results;

/**
 * A results file that cannot be used: truncated, corrupt, foreign (not written by gossipbench), or
 * of a schema version this build cannot read. The message is one line naming the file.
 */
public final class ResultsException extends IllegalArgumentException {
  public ResultsException(String message) {
    super(message);
  }

  public ResultsException(String message, Throwable cause) {
    super(message, cause);
  }
}
