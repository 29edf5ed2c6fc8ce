package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The nightly GPU workflow's scripts under {@code ci/} pass shellcheck (when installed) and answer
 * bad arguments with a reason and status 2. What they measure and compare is checked by hand on
 * real runs (README, "Nightly GPU runs"): they need a built jar and minutes of benchmarks.
 */
class NightlyScriptsTest {
  private static final Path ROOT = Path.of("..");
  private static final List<String> SCRIPTS =
      List.of("nightly-run.sh", "nightly-compare.sh", "nightly-previous.sh", "nightly-site.sh");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void shouldPassShellcheck() throws Exception {
    Optional<Path> shellcheck = WorkflowLintTest.onPath("shellcheck");
    Assumptions.assumeTrue(
        shellcheck.isPresent(), "shellcheck is not installed (apt-get install shellcheck)");
    List<String> command = new ArrayList<>(List.of(shellcheck.get().toString()));
    SCRIPTS.forEach(s -> command.add("ci/" + s));

    WorkflowLintTest.Result r = WorkflowLintTest.run(ROOT, TIMEOUT, command.toArray(String[]::new));

    assertEquals(0, r.status(), r.output());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          nightly-run.sh      | --bogus
          nightly-compare.sh  | only-one
          nightly-compare.sh  | target/no-such-night target/no-such-night-either
          nightly-previous.sh | h100
          nightly-site.sh     | target/site
          """)
  void shouldRejectBadArgumentsWithStatus2(String script, String args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "ci/" + script));
    command.addAll(Arrays.asList(args.split(" ")));

    WorkflowLintTest.Result r = WorkflowLintTest.run(ROOT, TIMEOUT, command.toArray(String[]::new));

    assertEquals(2, r.status(), r.output());
    assertFalse(r.output().isBlank(), "no reason printed");
    assertTrue(r.output().contains(script.replace(".sh", "")), "reason names the script: " + r);
  }
}
