package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {
  @TempDir Path dir;

  @Test
  void shouldFitOneObservationPerCollectiveAndSize() {
    for (String[] c : new String[][] {{"allreduce", "ring"}, {"neighbor-average", "neighbor"}}) {
      CliRunner r =
          CliRunner.run(
              "collectives",
              "--op",
              c[0],
              "--algorithm",
              c[1],
              "--topology",
              "one-peer-exp",
              "-np",
              "4",
              "-b",
              "64K",
              "-e",
              "1M",
              "-f",
              "16",
              "-n",
              "3",
              "-w",
              "1",
              "--out",
              dir.resolve(c[0] + ".arrow").toString());
      assertEquals(0, r.exitCode(), r.err());
    }
    CliRunner r = CliRunner.run("model", dir.toString(), "--format", "csv");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "collective,measured_ms,model_ms,error_pct", r.out().lines().findFirst().orElseThrow());
    assertEquals(1 + 4, r.out().lines().count(), r.out()); // 2 collectives x 2 sizes
    assertTrue(r.out().contains("allreduce/ring n=4 S=65536,"), r.out());
    assertTrue(r.out().contains("neighbor-average/neighbor one-peer-exp n=4 S=1048576,"), r.out());
    CliRunner text = CliRunner.run("model", dir.toString());
    assertTrue(text.out().contains("# all: alpha = "), text.out());
    CliRunner perN = CliRunner.run("model", "--per-n", dir.toString());
    assertTrue(perN.out().contains("# n=4: alpha = "), perN.out());
  }

  @Test
  void shouldRefuseToFitFromTooFewMeasurements() {
    CliRunner r = CliRunner.run("model", dir.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("needs at least two measurements"), r.err());
  }

  @Test
  void shouldReadTheSegmentSizeTheRunLogged() {
    // The parameter server's pipeline term depends on it: a misread would shift every fit.
    assertEquals(4096, ModelCommand.segmentBytes("{\"op\":\"allreduce\",\"segment_bytes\":4096}"));
    assertEquals(1 << 20, ModelCommand.segmentBytes("{\"op\":\"allreduce\"}"));
    assertEquals(1 << 20, ModelCommand.segmentBytes("not json"));
  }

  @Test
  void shouldModelARandomTopologyOnTheGraphTheRunDrewWithItsSeed() {
    // d-equistatic at n = 4 has largest in-degree 2 with seed 3 but 3 with seed 1.
    CliRunner r =
        CliRunner.run(
            "collectives",
            "--op",
            "neighbor-average",
            "--topology",
            "d-equistatic",
            "--seed",
            "3",
            "-np",
            "4",
            "-b",
            "4K",
            "-e",
            "8K",
            "-f",
            "2",
            "-n",
            "2",
            "-w",
            "0",
            "--out",
            dir.resolve("run.arrow").toString());
    assertEquals(0, r.exitCode(), r.err());
    List<ModelCommand.Group> groups = List.copyOf(ModelCommand.read(List.of(dir)).values());
    assertEquals(2, groups.size());
    for (ModelCommand.Group g : groups) {
      assertEquals(3, g.seed());
      assertEquals(2.0 * g.sample().bytes(), g.observation().bytes(), 1e-9, g.sample().toString());
    }
  }

  @Test
  void shouldProjectTheHierarchicalCollectiveOnTwoLinkClassesAgainstFlatBaselines() {
    // S = 1 MiB, n = 8, G = 4, no latency; inside a group 1e9 B/s, between groups 1.25e8 B/s.
    // hierarchical: 3.5 S inside (3.670016 ms) + S across (8.388608 ms); ring: 1.75 S across;
    // one-peer-exp: S across
    CliRunner r =
        CliRunner.run(
            "model",
            "--project",
            "hier:group=4:inter=one-peer-exp",
            "--sizes",
            "1M",
            "--alpha-us",
            "0",
            "--bandwidth-gbps",
            "1",
            "--intra-bandwidth-gbps",
            "8",
            "--format",
            "csv");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        List.of(
            "collective,n,bytes,intra_ms,inter_ms,projected_ms",
            "neighbor-average/hierarchical hier:group=4:inter=one-peer-exp,8,1048576,3.670016,8.388608,12.058624",
            "allreduce/ring,8,1048576,0,14.680064,14.680064",
            "neighbor-average/neighbor one-peer-exp,8,1048576,0,8.388608,8.388608"),
        r.out().lines().toList());
  }

  @Test
  void shouldRefuseToProjectAFlatTopology() {
    CliRunner r = CliRunner.run("model", "--project", "ring");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("needs a hier:group=G:inter=T topology"), r.err());
  }
}
