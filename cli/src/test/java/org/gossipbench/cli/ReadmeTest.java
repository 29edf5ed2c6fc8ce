package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the README honest: every {@code bin/gossipbench} line in a {@code sh} block runs, and every
 * generated block equals what its command prints now ({@code -Dreadme.update=true} rewrites them).
 */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Pattern GENERATED =
      Pattern.compile(
          "<!-- generated: bin/gossipbench (.+?) -->\n(.*?)<!-- end generated -->", Pattern.DOTALL);
  private static final String PREFIX = "bin/gossipbench ";

  static Stream<String> examples() throws IOException {
    List<String> commands = new ArrayList<>();
    boolean inShell = false;
    for (String line : Files.readAllLines(README, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        inShell = !inShell && line.equals("```sh");
      } else if (inShell && line.startsWith(PREFIX)) {
        commands.add(line.substring(PREFIX.length()).trim());
      }
    }
    return commands.stream();
  }

  @Test
  void shouldHaveExamplesAndTheTestCommand() throws IOException {
    assertTrue(examples().count() >= 4);
    assertTrue(Files.readString(README).contains("\nmvn -B verify\n"));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleRunsAndPrints(String command) {
    CliRunner r = CliRunner.run(fromRepositoryRoot(command.split(" +")));
    assertEquals(0, r.exitCode(), command + "\n" + r.err());
    assertFalse(r.out().isBlank(), command);
  }

  @Test
  void generatedBlocksMatchTheirCommands() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher m = GENERATED.matcher(readme);
    StringBuilder updated = new StringBuilder();
    int blocks = 0;
    List<String> stale = new ArrayList<>();
    while (m.find()) {
      blocks++;
      CliRunner r = CliRunner.run(fromRepositoryRoot(m.group(1).split(" +")));
      assertEquals(0, r.exitCode(), r.err());
      if (!r.out().equals(m.group(2))) {
        stale.add(m.group(1));
      }
      m.appendReplacement(
          updated,
          Matcher.quoteReplacement(
              "<!-- generated: bin/gossipbench "
                  + m.group(1)
                  + " -->\n"
                  + r.out()
                  + "<!-- end generated -->"));
    }
    m.appendTail(updated);
    assertTrue(blocks >= 2, "no generated blocks found");
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(README, updated.toString(), StandardCharsets.UTF_8);
      return;
    }
    assertEquals(List.of(), stale, "README blocks out of date; rerun with -Dreadme.update=true");
  }

  /**
   * README commands run from the repository root; the tests run in the module directory, and
   * measured runs log under target/ instead of the repository's results/.
   */
  private static String[] fromRepositoryRoot(String[] args) {
    String[] resolved = args.clone();
    String command = resolved.length == 0 ? "" : resolved[0];
    boolean showLatest =
        command.equals("results")
            && resolved.length >= 2
            && resolved[1].equals("show")
            && (resolved.length == 2 || resolved[2].startsWith("-"));
    if (command.equals("collectives")
        || command.equals("train")
        || command.equals("theory")
        || showLatest) {
      resolved = append(resolved, "--results-dir", "target/readme-results");
    }
    if (command.equals("reproduce")) {
      // ReproduceCommandTest runs the whole tiny reproduction; here its plan is enough
      resolved = append(resolved, "--results-dir", "target/readme-results", "--plan");
    }
    if ((command.equals("train") || command.equals("data"))
        && System.getenv("GOSSIPBENCH_DATA") == null) {
      resolved = append(resolved, "--data-dir", "../data");
    }
    for (int i = 0; i < resolved.length; i++) {
      if (resolved[i].contains("/") && Files.exists(Path.of("..", resolved[i]))) {
        resolved[i] = Path.of("..", resolved[i]).toString();
      }
    }
    return resolved;
  }

  private static String[] append(String[] args, String... more) {
    String[] r = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, r, args.length, more.length);
    return r;
  }
}
