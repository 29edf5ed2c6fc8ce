package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {
  @TempDir Path out;

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void shouldWriteOneChartPerSeriesWithTheRuleTheLoadsAndTheFlaggedRegressions() throws Exception {
    CliRunner r =
        CliRunner.run(
            "dashboard",
            PlantedRuns.root().toString(),
            "--out",
            out.toString(),
            "--baseline",
            "a2a2");
    assertEquals(0, r.exitCode(), r.err());
    String html = Files.readString(out.resolve("index.html"));
    int sections = count(html, "<section id=\"s[0-9a-f]{12}\">");
    assertEquals(sections, count(html, "<svg class=\"chart\""));
    // 2 sizes x (time, busbw) + accuracy, time to target, throughput
    assertEquals(7, sections, r.out());
    assertTrue(r.out().contains("7 series, head bbbbbbbbbbbb against a2a2a2a2a2a2"), r.out());
    assertTrue(html.contains("Rule: a change is flagged as a regression only when"));
    assertTrue(html.contains("no git history was given"), html);
    assertEquals(
        4 * (PlantedRuns.SWEEPS * 3) + 3 * (PlantedRuns.TRAININGS * 3),
        count(html, "<circle class=\"run\""),
        "one dot per run in every series: every run once in A1, A2 and B");
    assertEquals(7 * 3, count(html, "<text class=\"load\""), "a load beside every commit");
    assertTrue(count(html, "<tr class=\"regression\">") >= 5, html);
    assertFalse(html.contains("<script"));
  }

  @Test
  void shouldOrderTheCommitsByARealGitHistory(@TempDir Path repo) throws Exception {
    git(repo, "init", "-q");
    Files.writeString(repo.resolve("f"), "1");
    git(repo, "add", "f");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one");
    Files.writeString(repo.resolve("f"), "2");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "two");
    List<String> hashes = GitHistoryOption.read(repo).oldestFirst();
    assertEquals(2, hashes.size());
    assertEquals(git(repo, "rev-parse", "HEAD").strip(), hashes.get(1));
    CliRunner r =
        CliRunner.run(
            "dashboard",
            PlantedRuns.root().toString(),
            "--out",
            out.toString(),
            "--git",
            repo.toString());
    assertEquals(0, r.exitCode(), r.err());
    // the planted commits are not in that history: they follow, by start time, and the page says so
    assertTrue(
        Files.readString(out.resolve("index.html"))
            .contains("where it holds them (0 of 3); the other 3 follow"),
        r.out());
    CliRunner notARepo =
        CliRunner.run(
            "dashboard",
            PlantedRuns.root().toString(),
            "--out",
            out.toString(),
            "--git",
            repo.resolve("absent").toString());
    assertEquals(2, notARepo.exitCode());
    assertTrue(notARepo.err().contains("--git " + repo.resolve("absent")), notARepo.err());
  }

  private static String git(Path repo, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void shouldWriteTheSameBytesForTheSameRuns(@TempDir Path again) throws Exception {
    String in = PlantedRuns.root().toString();
    assertEquals(0, CliRunner.run("dashboard", in, "--out", out.toString()).exitCode());
    assertEquals(0, CliRunner.run("dashboard", in, "--out", again.toString()).exitCode());
    assertArrayEquals(
        Files.readAllBytes(out.resolve("index.html")),
        Files.readAllBytes(again.resolve("index.html")));
  }

  @Test
  void shouldRejectAnUnknownBaseline() throws Exception {
    CliRunner r =
        CliRunner.run(
            "dashboard",
            PlantedRuns.root().toString(),
            "--out",
            out.toString(),
            "--baseline",
            "cafe");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("unknown commit cafe"), r.err());
    assertFalse(Files.exists(out.resolve("index.html")));
  }
}
