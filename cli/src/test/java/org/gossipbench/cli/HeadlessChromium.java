package org.gossipbench.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, for tests that load a generated page (the report; the
 * dashboard can reuse it): the DOM after the page's scripts ran, the console errors, a screenshot.
 * Each call uses a fresh profile folder, so concurrent tests do not share a profile lock.
 */
final class HeadlessChromium {
  static final String SETUP = "bash ci/chromium-setup.sh installs it";
  private static final long TIMEOUT_SECONDS = 45;

  private final Path binary;
  private final Path work;

  private HeadlessChromium(Path binary, Path work) {
    this.binary = binary;
    this.work = work;
  }

  /** Chromium from the PATH, or empty when it is not installed; {@code work} holds its profiles. */
  static Optional<HeadlessChromium> find(Path work) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(new HeadlessChromium(candidate, work));
        }
      }
    }
    return Optional.empty();
  }

  /** What loading a page gave: the serialized DOM and everything Chromium logged. */
  record Load(String dom, String log) {
    /** The log's lines that report a script error or a console.error call. */
    List<String> consoleErrors() {
      return log.lines()
          .filter(l -> l.contains("Uncaught") || l.contains("ERROR:CONSOLE"))
          .toList();
    }

    /** How many elements open with a tag whose attribute {@code class} is exactly {@code cls}. */
    int countClass(String cls) {
      Matcher m = Pattern.compile("class=\"" + Pattern.quote(cls) + "\"").matcher(dom);
      int n = 0;
      while (m.find()) {
        n++;
      }
      return n;
    }

    /** Whether the element with id {@code id} has become a plotly plot (plotly adds the class). */
    boolean isPlotlyPlot(String id) {
      return Pattern.compile(
              "<div id=\"" + Pattern.quote(id) + "\" class=\"[^\"]*\\bjs-plotly-plot\\b")
          .matcher(dom)
          .find();
    }
  }

  /** Loads {@code page} (letting its scripts run for up to 10 s of virtual time). */
  Load load(Path page) throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "dom", ".html");
    Path log = Files.createTempFile(work, "chromium", ".log");
    run(
        out,
        log,
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=10000",
        "--dump-dom",
        page.toUri().toString());
    return new Load(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Saves a {@code width}×{@code height} screenshot of {@code page} to {@code png}. */
  void screenshot(Path page, Path png, int width, int height)
      throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Path log = Files.createTempFile(work, "chromium", ".log");
    run(
        Files.createTempFile(work, "stdout", ".txt"),
        log,
        "--virtual-time-budget=10000",
        "--window-size=" + width + "," + height,
        "--screenshot=" + png.toAbsolutePath(),
        page.toUri().toString());
  }

  private void run(Path stdout, Path stderr, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--headless=new");
    command.add("--no-sandbox");
    command.add("--disable-gpu");
    command.add("--user-data-dir=" + Files.createTempDirectory(work, "profile"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(
          "chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "chromium exited with "
              + p.exitValue()
              + ": "
              + String.join(" ", command)
              + "\n"
              + Files.readString(stderr, StandardCharsets.UTF_8));
    }
  }
}
