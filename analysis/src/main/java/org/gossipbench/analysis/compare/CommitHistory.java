package org.gossipbench.analysis.compare;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commits that produced some runs, in commit order. Given a repository's history ({@link
 * CommitOrder}), the commits it holds go in its order; the others (from a branch that is gone, or
 * with no history given at all) follow in the order of their runs' start times, each commit placed
 * at its earliest run: the logs carry the commit hash but not the history. Ties go to the hash, so
 * the order is total.
 */
public final class CommitHistory {
  private final List<String> commits;
  private final Map<String, Boolean> dirty;

  private final String orderText;

  private CommitHistory(List<String> commits, Map<String, Boolean> dirty, String orderText) {
    this.commits = commits;
    this.dirty = dirty;
    this.orderText = orderText;
  }

  /** The commits in their runs' start-time order. */
  public static CommitHistory of(List<Observation> observations) {
    return of(observations, CommitOrder.NONE);
  }

  /** The commits in {@code order} where it holds them, the rest after, by start time. */
  public static CommitHistory of(List<Observation> observations, CommitOrder order) {
    Map<String, Instant> first = new HashMap<>();
    Map<String, Boolean> dirty = new HashMap<>();
    for (Observation o : observations) {
      first.merge(o.commit(), o.startTime(), (a, b) -> a.isBefore(b) ? a : b);
      dirty.merge(o.commit(), o.dirty(), Boolean::logicalOr);
    }
    Map<String, Integer> position = new HashMap<>();
    for (String c : order.oldestFirst()) {
      position.putIfAbsent(c, position.size());
    }
    List<String> commits = new ArrayList<>(first.keySet());
    commits.sort(
        Comparator.comparingInt((String c) -> position.getOrDefault(c, Integer.MAX_VALUE))
            .thenComparing(first::get)
            .thenComparing(Comparator.naturalOrder()));
    long inHistory = commits.stream().filter(position::containsKey).count();
    String text;
    if (order.source() == null) {
      text =
          "Commits are in the order of their runs' start times (each placed at its earliest run):"
              + " no git history was given.";
    } else if (inHistory == commits.size()) {
      text = "Commits are in the order of the git history of " + order.source() + ".";
    } else {
      text =
          "Commits are in the order of the git history of "
              + order.source()
              + " where it holds them ("
              + inHistory
              + " of "
              + commits.size()
              + "); the other "
              + (commits.size() - inHistory)
              + " follow in the order of their runs' start times.";
    }
    return new CommitHistory(List.copyOf(commits), Map.copyOf(dirty), text);
  }

  /** One sentence saying which order {@link #commits()} follows, for the page. */
  public String orderText() {
    return orderText;
  }

  /** Oldest first. */
  public List<String> commits() {
    return commits;
  }

  /** Whether any run of {@code commit} came from a tree that differed from it. */
  public boolean dirty(String commit) {
    return dirty.getOrDefault(commit, false);
  }

  /** The position of {@code commit} in {@link #commits()}. */
  public int index(String commit) {
    return commits.indexOf(commit);
  }

  /**
   * The commit named by a full hash or a unique prefix of one.
   *
   * @throws IllegalArgumentException naming the known commits when none or several match
   */
  public String resolve(String prefix) {
    List<String> matches = new ArrayList<>();
    for (String c : commits) {
      if (c.equals(prefix)) {
        return c;
      }
      if (c.startsWith(prefix)) {
        matches.add(c);
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    String why = matches.isEmpty() ? "unknown commit " : "ambiguous commit ";
    List<String> known = commits.stream().map(CommitHistory::shortHash).toList();
    throw new IllegalArgumentException(
        why
            + prefix
            + (commits.isEmpty()
                ? ": the results hold no runs"
                : "; known commits, oldest first: " + String.join(" ", known)));
  }

  /** The first 12 characters, as the tables print a commit. */
  public static String shortHash(String commit) {
    return commit.length() <= 12 ? commit : commit.substring(0, 12);
  }
}
