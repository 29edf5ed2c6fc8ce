package org.gossipbench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gossipbench.analysis.compare.CommitOrder;
import picocli.CommandLine;

/**
 * Where the dashboard and compare learn the commits' order: {@code git rev-list} of a checkout. The
 * logs hold hashes only, so without a history the commits go by their runs' start times.
 */
final class GitHistoryOption {
  private static final long TIMEOUT_SECONDS = 30;

  @CommandLine.Option(
      names = "--git",
      paramLabel = "REPO",
      description =
          "git checkout whose history (git rev-list --topo-order --all) orders the commits; 'none'"
              + " orders them by their runs' start times (default: this gossipbench checkout"
              + " when it is one, else start times)")
  String git;

  /**
   * The history of {@code --git}, or of the checkout bin/gossipbench runs from when it is a git
   * checkout and git is installed, else {@link CommitOrder#NONE}.
   *
   * @throws IllegalArgumentException when an explicit {@code --git} cannot be read
   */
  CommitOrder order() {
    if ("none".equals(git)) {
      return CommitOrder.NONE;
    }
    if (git != null) {
      return read(Path.of(git));
    }
    String home = System.getProperty("gossipbench.home");
    if (home == null || !Files.exists(Path.of(home, ".git"))) {
      return CommitOrder.NONE;
    }
    try {
      return read(Path.of(home));
    } catch (IllegalArgumentException e) {
      return CommitOrder.NONE;
    }
  }

  static CommitOrder read(Path repo) {
    List<String> command =
        List.of("git", "-C", repo.toString(), "rev-list", "--topo-order", "--reverse", "--all");
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new IllegalArgumentException("--git " + repo + ": cannot run git: " + e.getMessage());
    }
    try (InputStream out = p.getInputStream();
        InputStream err = p.getErrorStream()) {
      p.getOutputStream().close();
      // rev-list of a big history is megabytes: read it before waiting, or the pipe fills
      String hashes = new String(out.readAllBytes(), StandardCharsets.US_ASCII);
      String error = new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalArgumentException(
            "--git " + repo + ": git rev-list did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        String first = error.isEmpty() ? "exit " + p.exitValue() : error.lines().findFirst().get();
        throw new IllegalArgumentException("--git " + repo + ": " + first);
      }
      return new CommitOrder(hashes.lines().filter(l -> !l.isBlank()).toList(), repo.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("--git " + repo + ": " + e.getMessage());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("--git " + repo + ": interrupted");
    }
  }
}
