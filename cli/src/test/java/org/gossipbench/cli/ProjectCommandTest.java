package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.ProjectionRow;
import org.gossipbench.results.ProjectionSchema;
import org.gossipbench.results.ResultFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectCommandTest {

  /** The fit's projection of each configuration it was fitted on lies within 25 % of it. */
  @Test
  void fitReproducesTheMeasuredSweepItWasFittedOn(@TempDir Path dir) throws Exception {
    Path sweep = dir.resolve("sweep.arrow");
    CliRunner c =
        CliRunner.run(
            "collectives",
            "--op",
            "allreduce",
            "-np",
            "2",
            "-b",
            "1M",
            "-e",
            "16M",
            "-f",
            "4",
            "-n",
            "20",
            "-w",
            "5",
            "--out",
            sweep.toString());
    assertEquals(0, c.exitCode(), c.err());
    Path out = dir.resolve("projection.arrow");
    CliRunner p =
        CliRunner.run(
            "project", "--fit", dir.toString(), "--gpus", "8,256", "--out", out.toString());
    assertEquals(0, p.exitCode(), p.err());
    assertTrue(p.out().contains("# goal: resnet50 at 256 GPUs"), p.out());
    try (RootAllocator allocator = new RootAllocator();
        ResultFile rf = ResultFile.open(out, allocator)) {
      List<ProjectionRow> rows = rf.readAll(ProjectionSchema.INSTANCE);
      List<ProjectionRow> fitted = rows.stream().filter(r -> r.measuredSeconds() != null).toList();
      assertEquals(3, fitted.size(), rows.toString());
      for (ProjectionRow r : fitted) {
        double error = r.communicationSeconds() / r.measuredSeconds() - 1;
        assertTrue(Math.abs(error) <= 0.25, r.bytes() + " B: error " + error);
      }
      // 2 clusters x 2 models x 2 GPU counts x (ring, partial)
      assertEquals(16, rows.size() - fitted.size());
    }
  }

  @Test
  void aClusterThatIsNeitherPresetNorFileIsOneLine() {
    CliRunner r = CliRunner.run("project", "--cluster", "dgx-h100");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("neither a preset"), r.err());
  }
}
