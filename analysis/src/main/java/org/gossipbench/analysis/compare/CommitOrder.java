package org.gossipbench.analysis.compare;

import java.util.List;

/**
 * The order of commits as a repository's history has them, oldest first (what {@code git rev-list
 * --topo-order --reverse} prints), for {@link CommitHistory} to place the logged commits by. The
 * logs hold commit hashes, not the history, so the history comes from a checkout when one is at
 * hand.
 *
 * @param oldestFirst full commit hashes
 * @param source where the order came from, for the page (e.g. the repository's path); null for
 *     {@link #NONE}
 */
public record CommitOrder(List<String> oldestFirst, String source) {
  /** No history: commits go by their runs' start times. */
  public static final CommitOrder NONE = new CommitOrder(List.of(), null);

  public CommitOrder {
    oldestFirst = List.copyOf(oldestFirst);
  }
}
