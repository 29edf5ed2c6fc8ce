package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dashboard} on the reference runs, opened in a real browser: every chart the page holds is
 * an SVG in the parsed DOM with its dots, and nothing was logged as an error; a screenshot is left
 * at target/browser/dashboard.png.
 */
@Tag("browser")
class DashboardBrowserTest {
  private static final Path REFERENCE = Path.of("../results/reference");
  private static final Path OUT = Path.of("target", "browser");

  @TempDir Path work;

  @Test
  void shouldRenderEveryChartOfTheDashboardWithoutAConsoleError() throws Exception {
    Optional<HeadlessChromium> chromium = HeadlessChromium.find(work);
    Assumptions.assumeTrue(
        chromium.isPresent(), "chromium is not installed (" + HeadlessChromium.SETUP + ")");
    Path out = OUT.resolve("dashboard");
    CliRunner r = CliRunner.run("dashboard", REFERENCE.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path page = out.resolve("index.html").toAbsolutePath();
    String written = Files.readString(page, StandardCharsets.UTF_8);
    int charts = count(written, "<svg class=\"chart\"");
    assertTrue(charts > 0, "the dashboard holds no chart");

    HeadlessChromium.Load load = chromium.get().load(page);
    assertEquals(List.of(), load.consoleErrors(), load.log());
    assertEquals(charts, load.countClass("chart"), "charts in the DOM");
    assertEquals(count(written, "<circle class=\"run\""), load.countClass("run"), "run dots");

    Path png = OUT.resolve("dashboard.png");
    Files.deleteIfExists(png);
    chromium.get().screenshot(page, png, 1280, 3000);
    assertTrue(Files.size(png) > 10_000, "screenshot " + png + " is nearly empty");
  }

  private static int count(String text, String literal) {
    Matcher m = Pattern.compile(Pattern.quote(literal)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
