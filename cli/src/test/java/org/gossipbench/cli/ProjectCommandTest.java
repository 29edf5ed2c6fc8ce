package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.ProjectionRow;
import org.gossipbench.results.ProjectionSchema;
import org.gossipbench.results.ResultFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectCommandTest {

  /**
   * The fit's projection of the configurations it was fitted on lies within 25 % of them (median),
   * and no one of them is off by more than half. The sweep stays above the 32 MiB last-level cache
   * (32-256 MiB per rank): a straight alpha-beta line cannot follow a sweep that crosses from
   * cache-resident to memory-bound sizes (1-16 MiB missed by 27 % at 4 MiB in one CI run), and the
   * projection prices whole-model messages (ResNet-50: 102 MB). The median, not every point, is
   * held to 25 %: this machine's speed drifts by up to 45 % between two sweeps of the same size a
   * minute apart (64 MiB: 10.7 to 15.5 ms), which no fit can follow.
   */
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
            "32M",
            "-e",
            "256M",
            "-f",
            "2",
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
      assertEquals(4, fitted.size(), rows.toString());
      double[] errors = new double[fitted.size()];
      for (int i = 0; i < errors.length; i++) {
        ProjectionRow r = fitted.get(i);
        errors[i] = Math.abs(r.communicationSeconds() / r.measuredSeconds() - 1);
        assertTrue(errors[i] <= 0.5, r.bytes() + " B: error " + errors[i]);
      }
      Arrays.sort(errors);
      double median = (errors[1] + errors[2]) / 2;
      assertTrue(median <= 0.25, "median error " + median + " of " + Arrays.toString(errors));
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
