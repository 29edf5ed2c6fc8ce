package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
    assertTrue(html.contains("not of <code>git rev-list</code>"));
    assertEquals(
        4 * (PlantedRuns.SWEEPS * 3) + 3 * (PlantedRuns.TRAININGS * 3),
        count(html, "<circle class=\"run\""),
        "one dot per run in every series: every run once in A1, A2 and B");
    assertEquals(7 * 3, count(html, "<text class=\"load\""), "a load beside every commit");
    assertTrue(count(html, "<tr class=\"regression\">") >= 5, html);
    assertFalse(html.contains("<script"));
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
