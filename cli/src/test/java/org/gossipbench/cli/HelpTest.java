package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** What {@code --help} prints for every command: whole sentences, no "null", within the width. */
class HelpTest {
  private static final int WIDTH = new CommandLine.Model.UsageMessageSpec().width();

  static Stream<String> commands() {
    List<String> names = new ArrayList<>();
    collect(new CommandLine(new Main()), names);
    return names.stream();
  }

  private static void collect(CommandLine c, List<String> names) {
    names.add(c.getCommandSpec().qualifiedName());
    c.getSubcommands().values().forEach(sub -> collect(sub, names));
  }

  private static CliRunner help(String qualifiedName) {
    List<String> args = new ArrayList<>(List.of(qualifiedName.split(" ")));
    args.remove(0);
    args.add("--help");
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return r;
  }

  @ParameterizedTest
  @MethodSource("commands")
  void shouldNeverPrintNullAndFitTheWidth(String command) {
    String out = help(command).out();
    assertFalse(out.matches("(?s).*\\bnull\\b.*"), out);
    for (String line : out.lines().toList()) {
      assertTrue(line.length() <= WIDTH, line.length() + " > " + WIDTH + ": " + line);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void shouldListEverySubcommandWithAWholeSentence(String command) {
    String out = help(command).out();
    int start = out.indexOf("\nCommands:\n");
    if (start < 0) {
      return;
    }
    List<String> entries = new ArrayList<>();
    for (String line : out.substring(start + "\nCommands:\n".length()).lines().toList()) {
      if (line.matches("  \\S.*")) {
        entries.add(line.trim());
      } else if (line.startsWith("   ") && !entries.isEmpty()) {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.trim());
      } else {
        break;
      }
    }
    assertFalse(entries.isEmpty(), out);
    for (String entry : entries) {
      assertTrue(entry.endsWith("."), "cut mid-sentence: " + entry);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void shouldDescribeEveryCommandInOneParagraphUnderAOneLineHeader(String command) {
    CommandLine c = new CommandLine(new Main());
    for (String name : command.split(" ")) {
      if (!name.equals("gossipbench")) {
        c = c.getSubcommands().get(name);
      }
    }
    CommandLine.Model.UsageMessageSpec usage = c.getCommandSpec().usageMessage();
    assertTrue(usage.description().length <= 1, command + ": " + List.of(usage.description()));
    assertTrue(usage.header().length <= 1, command + ": " + List.of(usage.header()));
    String summary = usage.header().length == 1 ? usage.header()[0] : usage.description()[0];
    assertTrue(summary.endsWith("."), command + ": " + summary);
  }
}
