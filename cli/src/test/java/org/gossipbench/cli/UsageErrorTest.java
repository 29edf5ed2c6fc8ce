package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsageErrorTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "nosuch|gossipbench: error: Unmatched argument at index 0: 'nosuch'; did you mean launch"
            + " or results or reproduce? (see 'gossipbench --help')",
        "topolgy|gossipbench: error: Unmatched argument at index 0: 'topolgy'; did you mean"
            + " topology or report or collectives? (see 'gossipbench --help')",
        "topology show ring|gossipbench: error: Missing required option: '-n=<n>' (see"
            + " 'gossipbench topology show --help')",
        "results list a b|gossipbench: error: Unmatched argument at index 3: 'b' (see"
            + " 'gossipbench results list --help')",
        "launch -np 3 collectives --transport tcp|gossipbench: error: Unknown option:"
            + " '--transport'; the rank's command goes after '--': gossipbench launch -np 3 --"
            + " collectives --transport tcp (see 'gossipbench launch --help')",
        "launch --hosts a:2,b:1 -np 3 --ssh=ssh collectives -b 1K|gossipbench: error: Unknown"
            + " option: '-b'; the rank's command goes after '--': gossipbench launch --hosts"
            + " a:2,b:1 -np 3 --ssh=ssh -- collectives -b 1K (see 'gossipbench launch --help')",
        "launch --bogus -np 3 -- collectives|gossipbench: error: Unknown option: '--bogus' (see"
            + " 'gossipbench launch --help')",
      })
  void shouldExplainAParseErrorInOneLineWithExitCodeTwo(String command, String expected) {
    CliRunner r = CliRunner.run(command.split(" "));
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(expected + "\n", r.err());
    assertEquals("", r.out());
  }
}
