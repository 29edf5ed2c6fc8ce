package org.gossipbench.cli.reproduce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One unit of a reproduction: a gossipbench command line whose outputs go into one folder, {@code
 * <out>/<stage>/<name>}. It runs into a temporary folder renamed into place when it succeeds, so a
 * folder that exists is complete; its configuration (the command line) is recorded there, and a
 * later run with the same configuration skips it.
 *
 * @param stage the plan's stage, e.g. {@code collectives}
 * @param name the part's folder name inside its stage
 * @param args the command line; {@value #DIR} stands for the part's folder
 * @param estimateSeconds what the part takes on a 2-core machine, for the plan's ETA
 */
public record Part(String stage, String name, List<String> args, double estimateSeconds) {
  /** Placeholder for the part's output folder in {@link #args}. */
  public static final String DIR = "{dir}";

  /** First element of {@link #args} for a part that is a program of its own, not a subcommand. */
  public static final String EXTERNAL = "!";

  /** A part that runs a program (a script under ci/) rather than a gossipbench subcommand. */
  public static Part external(String stage, String name, List<String> command, double estimate) {
    List<String> args = new java.util.ArrayList<>();
    args.add(EXTERNAL);
    args.addAll(command);
    return new Part(stage, name, args, estimate);
  }

  public boolean isExternal() {
    return !args.isEmpty() && args.get(0).equals(EXTERNAL);
  }

  /** The part's folder, relative to the reproduction's output folder. */
  public String path() {
    return stage + "/" + name;
  }

  /** A digest of the configuration: what a finished part is matched by. */
  public String configDigest() {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(String.join("\u0000", args).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The command line with {@value #DIR} replaced. */
  public List<String> argsIn(String dir) {
    return args.stream().map(a -> a.replace(DIR, dir)).toList();
  }
}
