package org.gossipbench.workloads.data;

/**
 * A dataset was asked for that is not installed in the data folder. An {@link
 * IllegalArgumentException} because the caller can fix it: the message names the fetch command.
 */
public final class DatasetNotInstalledException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DatasetNotInstalledException(String message) {
    super(message);
  }
}
