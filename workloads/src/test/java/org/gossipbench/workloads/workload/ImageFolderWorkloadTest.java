package org.gossipbench.workloads.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.gossipbench.workloads.partition.IidPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderWorkloadTest {

  private static void writeFolder(Path root) throws IOException {
    Random r = new Random(5);
    for (String split : new String[] {"train", "val"}) {
      for (String cls : new String[] {"cat", "dog"}) {
        Path dir = Files.createDirectories(root.resolve(split).resolve(cls));
        for (int i = 0; i < 3; i++) {
          BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
          for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
              img.setRGB(x, y, r.nextInt(1 << 24));
            }
          }
          ImageIO.write(img, "jpeg", dir.resolve(i + ".JPEG").toFile());
        }
      }
    }
  }

  @Test
  void loadsAFolderGivenAsAParameterAndShardsIt(@TempDir Path root) throws IOException {
    writeFolder(root);
    Workload w = WorkloadRegistry.get("resnet50:root=" + root + ":size=32");
    assertEquals("resnet50", w.name());
    assertEquals("resnet50", w.model().name());
    TrainingData d = w.load(root, 2, new IidPartitioner(), 9);
    assertEquals(6, d.train().size());
    assertEquals(6, d.test().size());
    assertEquals(2, d.nodes());
    assertEquals(6, Arrays.stream(d.shards()).mapToInt(s -> s.length).sum());
  }

  @Test
  void missingFolderOrParameterIsAOneLineError(@TempDir Path root) {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WorkloadRegistry.get("resnet50:root=" + root.resolve("nope"))
                    .load(root, 2, new IidPartitioner(), 1));
    assertTrue(missing.getMessage().contains("nope") && !missing.getMessage().contains("\n"));
    IllegalArgumentException noRoot =
        assertThrows(IllegalArgumentException.class, () -> WorkloadRegistry.get("resnet50"));
    assertTrue(noRoot.getMessage().contains("root="), noRoot.getMessage());
  }
}
