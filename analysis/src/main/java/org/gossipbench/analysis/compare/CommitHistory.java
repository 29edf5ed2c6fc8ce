package org.gossipbench.analysis.compare;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commits that produced some runs, in commit order. The order is that of the runs' start times
 * (each commit placed at its earliest run), not of {@code git rev-list}: the logs carry the commit
 * hash but not the history, and a results folder may come from a checkout that is gone. Ties go to
 * the hash, so the order is total.
 */
public final class CommitHistory {
  private final List<String> commits;
  private final Map<String, Boolean> dirty;

  private CommitHistory(List<String> commits, Map<String, Boolean> dirty) {
    this.commits = commits;
    this.dirty = dirty;
  }

  public static CommitHistory of(List<Observation> observations) {
    Map<String, Instant> first = new HashMap<>();
    Map<String, Boolean> dirty = new HashMap<>();
    for (Observation o : observations) {
      first.merge(o.commit(), o.startTime(), (a, b) -> a.isBefore(b) ? a : b);
      dirty.merge(o.commit(), o.dirty(), Boolean::logicalOr);
    }
    List<String> commits = new ArrayList<>(first.keySet());
    commits.sort(
        Comparator.comparing((String c) -> first.get(c)).thenComparing(Comparator.naturalOrder()));
    return new CommitHistory(List.copyOf(commits), Map.copyOf(dirty));
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
