package org.gossipbench.bench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison script's parsing of both tools' outputs, on lines they printed (copied from a run
 * of gossipbench collectives --format csv and of ci/vendor-bench.c on this machine).
 */
class VendorComparisonTest {
  private static final String OURS_HEADER =
      "size,count,type,redop,time_us,min_us,max_us,algbw_gbps,busbw_gbps,wrong,floor_us,floor_ratio";
  private static final String VENDOR_HEADER = "op,ranks,bytes,median_us,min_us,max_us,wrong";

  @TempDir Path dir;

  private void write(String name, String... lines) throws IOException {
    Files.write(dir.resolve(name), List.of(lines));
  }

  @Test
  void pairsEachOfOurSizesWithOpenMpisAndTakesTheMedianOfRepeatedRuns() throws IOException {
    // The script appends one run per size, so a header repeats before each row.
    write(
        "n4_allreduce_ring.csv",
        OURS_HEADER,
        "65536,16384,float32,sum,131.063,113.337,1002.722,0.50,0.75,0,44.2,2.9",
        OURS_HEADER,
        "1048576,262144,float32,sum,1097.312,1025.979,2742.473,0.95,1.43,0,707.8,1.55",
        OURS_HEADER,
        "1048576,262144,float32,sum,774.5655,679.869,6931.472,1.35,2.03,0,707.8,1.09",
        OURS_HEADER,
        "1048576,262144,float32,sum,980.9455,772.363,4405.837,1.06,1.60,0,707.8,1.38");
    write(
        "n4_allreduce_mpi.csv",
        VENDOR_HEADER,
        "allreduce,4,65536,67.17,61.89,142.94,0",
        VENDOR_HEADER,
        "allreduce,4,1048576,717.24,637.33,1210.81,0",
        VENDOR_HEADER,
        "allreduce,4,4194304,2981.27,2866.64,3375.55,0");
    write("unrelated.txt", "not a comparison file");

    List<VendorComparison.Row> rows = VendorComparison.read(dir);

    assertEquals(2, rows.size(), rows.toString()); // 4 MiB has no side of ours
    VendorComparison.Row small = rows.get(0);
    assertEquals(65536, small.bytes());
    assertEquals("ring", small.side());
    assertEquals(131.063 / 67.17, small.ratio(), 1e-12);
    VendorComparison.Row mib = rows.get(1);
    assertEquals(980.9455, mib.ours().medianMicros(), 1e-12, "median of three runs");
    assertEquals(980.9455 / 717.24, mib.ratio(), 1e-12);

    String table = VendorComparison.table(rows);
    assertTrue(
        table.contains("| allreduce | 4 | 64 KiB | ring | 0.067 | 0.131 | 1.95 | 0, 0 |"), table);
    String goal = VendorComparison.goal(rows, 1.0);
    assertTrue(goal.startsWith("allreduce ring: 0 of 2 sizes within 1.00× Open MPI"), goal);
    assertTrue(VendorComparison.goal(rows, 2.0).contains("2 of 2 sizes"), goal);
  }

  @Test
  void aWrongElementOnEitherSideShowsInItsColumn() throws IOException {
    write(
        "n2_one-peer_neighbor.csv",
        OURS_HEADER,
        "65536,16384,float32,sum,61.3,57.5,925.1,1,1,3,1,1");
    write("n2_one-peer_mpi.csv", VENDOR_HEADER, "one-peer,2,65536,22.20,19.38,98.28,1");
    String table = VendorComparison.table(VendorComparison.read(dir));
    assertTrue(table.contains("| 3, 1 |"), table);
  }

  @Test
  void aSideWithoutOpenMpisFileOrWithAForeignHeaderIsRefusedInOneLine() throws IOException {
    write("n8_allreduce_auto.csv", OURS_HEADER, "65536,16384,float32,sum,1,1,1,1,1,0,1,1");
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> VendorComparison.read(dir));
    assertTrue(missing.getMessage().contains("n8_allreduce_mpi.csv"), missing.getMessage());

    write("n8_allreduce_mpi.csv", "op,ranks,size,median,wrong", "allreduce,8,65536,3,0");
    IllegalArgumentException header =
        assertThrows(IllegalArgumentException.class, () -> VendorComparison.read(dir));
    assertTrue(header.getMessage().contains("data row before any header"), header.getMessage());
    assertTrue(!header.getMessage().contains("\n"));
  }
}
