package org.gossipbench.cli;

import picocli.CommandLine;

/** Reads the version Maven stamped into the jar's manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"gossipbench " + (v == null ? "(development build)" : v)};
  }
}
