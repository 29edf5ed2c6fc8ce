package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareCommandTest {
  private static CliRunner compare(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "compare";
    System.arraycopy(args, 0, all, 1, args.length);
    all[all.length - 1] = PlantedRuns.root().toString();
    return CliRunner.run(all);
  }

  private static List<String[]> csvRows(String csv) {
    return csv.lines().skip(1).map(l -> l.split(",", -1)).toList();
  }

  @Test
  void shouldFlagThePlantedSlowdownOfEveryCollectiveSizeAndThePlantedAccuracyDrop()
      throws Exception {
    CliRunner r = compare("a2a2", "bbbb", "--format", "csv");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    List<String[]> rows = csvRows(r.out());
    int times = 0;
    int accuracies = 0;
    for (String[] row : rows) {
      String metric = row[2];
      if (metric.startsWith("median time")) {
        times++;
        assertEquals("REGRESSION", row[13], String.join(",", row));
        // 2 up to the rounding of both copies' times to whole nanoseconds
        assertEquals(2.0, Double.parseDouble(row[8]), 1e-5, "the ratio of medians is 2");
      } else if (metric.startsWith("busbw")) {
        assertEquals("REGRESSION", row[13], String.join(",", row));
      } else if (metric.startsWith("best accuracy")) {
        accuracies++;
        assertEquals("REGRESSION", row[13], String.join(",", row));
        assertEquals(-2.0, Double.parseDouble(row[8]), 1e-9);
      }
    }
    assertEquals(2, times, r.out());
    assertEquals(1, accuracies, r.out());
  }

  @Test
  void shouldFlagNothingBetweenTwoHonestRerunsOfOneCommit() throws Exception {
    CliRunner r = compare("a1a1", "a2a2");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertFalse(r.out().contains("REGRESSION"), r.out());
    assertTrue(r.out().contains("0 regressions flagged in "), r.out());
    assertTrue(r.out().contains("Rule: a change is flagged as a regression only when"), r.out());
  }

  @Test
  void shouldTakeTheNoiseFromOneCommitWhenAsked() throws Exception {
    CliRunner r = compare("a2a2", "bbbb", "--noise-from", "a1a1", "--format", "markdown");
    assertEquals(1, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("noise from a1a1a1a1a1a1's repeats"), r.out());
    assertTrue(r.out().contains("| REGRESSION |"), r.out());
  }

  @Test
  void shouldPrintTheSameBytesForTheSameRuns() throws Exception {
    for (String format : List.of("text", "csv", "markdown")) {
      CliRunner first = compare("a2a2", "bbbb", "--format", format);
      CliRunner second = compare("a2a2", "bbbb", "--format", format);
      assertEquals(first.out(), second.out(), format);
    }
  }

  @Test
  void shouldRejectAnUnknownCommitInOneLineNamingTheKnownOnes() throws Exception {
    CliRunner r = compare("cafe", "bbbb");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err()
            .contains(
                "unknown commit cafe; known commits, oldest first: a1a1a1a1a1a1"
                    + " a2a2a2a2a2a2 bbbbbbbbbbbb"),
        r.err());
  }

  @Test
  void shouldRejectAnAmbiguousPrefix() throws Exception {
    CliRunner r = compare("a", "bbbb");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("ambiguous commit a"), r.err());
  }

  @Test
  void shouldRejectAFolderWithoutRuns(@org.junit.jupiter.api.io.TempDir Path empty) {
    CliRunner r = CliRunner.run("compare", "a1a1", "bbbb", empty.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("the results hold no runs"), r.err());
  }
}
