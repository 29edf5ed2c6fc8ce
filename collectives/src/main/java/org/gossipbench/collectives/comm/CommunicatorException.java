package org.gossipbench.collectives.comm;

/**
 * A collective could not complete: a peer timed out, died, or failed and aborted the job. The
 * message is one line and names the rank that reports it and, where known, the rank at fault.
 */
public class CommunicatorException extends RuntimeException {
  public CommunicatorException(String message) {
    super(message);
  }

  public CommunicatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
