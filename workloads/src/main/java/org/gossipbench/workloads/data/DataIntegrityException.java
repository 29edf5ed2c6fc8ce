package org.gossipbench.workloads.data;

/**
 * An archive or an installed file whose SHA-256 is not the committed one, or an archive that lacks
 * a member it should hold. The message names the file and both digests.
 */
public final class DataIntegrityException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DataIntegrityException(String message) {
    super(message);
  }
}
