package org.gossipbench.cli;

import picocli.CommandLine;

/** {@code --format}, shared by every command that prints a table. */
final class FormatOption {
  @CommandLine.Option(
      names = "--format",
      defaultValue = "text",
      description = "text, csv or markdown (default: ${DEFAULT-VALUE})")
  OutputFormat format;
}
