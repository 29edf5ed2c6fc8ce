package org.gossipbench.cli;

/** How tables are printed: aligned text for people, CSV and Markdown for machines and reports. */
public enum OutputFormat {
  text,
  csv,
  markdown
}
