package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gossipbench launch --hosts} through a real ssh server: an sshd of our own on a free
 * loopback port, with throwaway host and user keys, so ranks really go through ssh, a remote login
 * shell and its quoting. Skips, saying why, without root or without sshd (openssh-server).
 */
class SshLaunchTest {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  @TempDir static Path dir;
  private static Process sshd;
  private static String sshCommand;
  private static String notReady =
      "needs root and an sshd (/usr/sbin/sshd from openssh-server) to run a private ssh server";

  @BeforeAll
  static void startSshd() throws Exception {
    if (!Files.isExecutable(SSHD)
        || !"root".equals(System.getProperty("user.name"))
        || !Files.isExecutable(Path.of("/usr/bin/ssh-keygen"))) {
      return;
    }
    exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host").toString());
    exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("user").toString());
    Files.copy(dir.resolve("user.pub"), dir.resolve("authorized_keys"));
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege-separation directory
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("sshd_config"),
        String.join(
            "\n",
            "ListenAddress 127.0.0.1",
            "Port " + port,
            "HostKey " + dir.resolve("host"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "StrictModes no",
            "UsePAM no",
            "PidFile none",
            ""));
    Files.writeString(
        dir.resolve("ssh_config"),
        String.join(
            "\n",
            "Host *",
            "  Port " + port,
            "  IdentityFile " + dir.resolve("user"),
            "  UserKnownHostsFile " + dir.resolve("known_hosts"),
            "  StrictHostKeyChecking no",
            "  LogLevel ERROR",
            ""));
    sshd =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    sshCommand = "ssh -F " + dir.resolve("ssh_config");
    // Ready when a trivial command goes through.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Process p =
          new ProcessBuilder(
                  "ssh",
                  "-F",
                  dir.resolve("ssh_config").toString(),
                  "-o",
                  "BatchMode=yes",
                  "127.0.0.1",
                  "true")
              .redirectErrorStream(true)
              .start();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return;
      }
      p.destroyForcibly();
      Thread.sleep(100);
    }
    // The environment, not the launcher, is at fault (e.g. a locked root account): skip, saying so.
    notReady =
        "a private sshd did not accept a login: " + Files.readString(dir.resolve("sshd.log"));
    sshd.destroyForcibly();
    sshd = null;
  }

  @AfterAll
  static void stopSshd() {
    if (sshd != null) {
      sshd.destroyForcibly();
    }
  }

  private static void exec(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }
  }

  private static void assumeSshd() {
    assumeTrue(sshd != null, notReady);
  }

  /**
   * The remote command: this test's JVM and class path (the shaded jar is built after the tests),
   * marked so that leftover ranks can be found; rank {@code failing} exits 3 at once.
   */
  private static Path remoteCommand(String marker, int failing) throws IOException {
    Path script = dir.resolve("rank-" + marker + ".sh");
    Files.writeString(
        script,
        String.join(
            "\n",
            "#!/bin/sh",
            "[ \"$GOSSIPBENCH_RANK\" = "
                + failing
                + " ] && { echo 'rank failing on purpose'; exit 3; }",
            "exec '"
                + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -Dgossipbench.test.marker="
                + marker
                + " -cp '"
                + System.getProperty("java.class.path")
                + "' "
                + Main.class.getName()
                + " \"$@\"",
            ""));
    script.toFile().setExecutable(true);
    return script;
  }

  private static boolean anyProcessWith(String marker) {
    return ProcessHandle.allProcesses()
        .anyMatch(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
  }

  /**
   * Whether every process carrying {@code marker} is gone within 10 s (shells exit after ranks).
   */
  private static boolean allGone(String marker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (anyProcessWith(marker) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return !anyProcessWith(marker);
  }

  @Test
  void ranksOnSshHostsRunTheCollectiveAndReportThroughTheLauncher() throws Exception {
    assumeSshd();
    String marker = UUID.randomUUID().toString();
    CliRunner r =
        CliRunner.run(
            "launch",
            "-np",
            "3",
            "--hosts",
            "127.0.0.1:2,localhost:1",
            "--ssh",
            sshCommand,
            "--remote-command",
            remoteCommand(marker, -1).toString(),
            "--",
            "collectives",
            "--transport",
            "tcp",
            "--op",
            "neighbor-average",
            "--topology",
            "ring",
            "-b",
            "4K",
            "-e",
            "64K",
            "-f",
            "16",
            "-n",
            "2",
            "-w",
            "1",
            "--format",
            "csv",
            "--no-log");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    List<String> rows =
        r.out().lines().filter(l -> l.startsWith("[0] ") && !l.contains("size")).toList();
    assertEquals(2, rows.size(), r.out());
    for (String row : rows) {
      assertEquals("0", row.substring(4).split(",")[9], row);
    }
    assertTrue(allGone(marker), "a rank outlived its launch");
  }

  @Test
  void aFailingRankStopsTheRemoteOnesWithNoOrphans() throws Exception {
    assumeSshd();
    String marker = UUID.randomUUID().toString();
    long t0 = System.nanoTime();
    CliRunner r =
        CliRunner.run(
            "launch",
            "-np",
            "3",
            "--hosts",
            "127.0.0.1:3",
            "--ssh",
            sshCommand,
            "--remote-command",
            remoteCommand(marker, 2).toString(),
            "--",
            "collectives",
            "--transport",
            "tcp",
            "-b",
            "4K",
            "-e",
            "4K",
            "--no-log");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    assertNotEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().contains("rank 2 exited with code 3"), r.err());
    assertTrue(
        seconds < 30, "took " + seconds + " s: the launcher waited for the rendezvous timeout");
    // Ranks 0 and 1 were waiting for rank 2 at the rendezvous; closing their ssh connections must
    // have ended them on the remote side.
    assertTrue(allGone(marker), "remote ranks outlived the launch");
  }
}
