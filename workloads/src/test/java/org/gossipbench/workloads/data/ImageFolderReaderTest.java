package org.gossipbench.workloads.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

  /** Writes 2 classes × {@code perClass} random-pixel 64×64 JPEGs per split under {@code root}. */
  static void writeFolder(Path root, int perClass, long seed) throws IOException {
    Random r = new Random(seed);
    for (String split : new String[] {"train", "val"}) {
      // written in reverse order so the test sees the reader sort the class names
      for (String cls : new String[] {"n02", "n01"}) {
        Path dir = Files.createDirectories(root.resolve(split).resolve(cls));
        for (int i = 0; i < perClass; i++) {
          BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
          for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
              img.setRGB(x, y, r.nextInt(1 << 24));
            }
          }
          ImageIO.write(img, "jpeg", dir.resolve("img" + i + ".JPEG").toFile());
        }
      }
    }
  }

  @Test
  void readsSortedClassesCroppedAndNormalized(@TempDir Path root) throws IOException {
    writeFolder(root, 3, 1);
    // a file that is not a JPEG must be skipped, not decoded
    Files.writeString(root.resolve("train/n01/readme.txt"), "not an image");
    DatasetSplits s = ImageFolderReader.read(root, 32);
    assertEquals(6, s.train().size());
    assertEquals(6, s.test().size());
    assertArrayEquals(new int[] {3, 32, 32}, s.train().sampleShape());
    assertEquals(2, s.train().numClasses());
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, s.train().labels());
    float[] f = s.train().features();
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (float v : f) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    // (0 - 0.485) / 0.229 = -2.118 and (1 - 0.406) / 0.225 = 2.64 bound ImageNet normalization
    assertTrue(min >= -2.12 && min < -1.0, "min " + min);
    assertTrue(max <= 2.641 && max > 1.0, "max " + max);
    DatasetSplits again = ImageFolderReader.read(root, 32);
    assertArrayEquals(f, again.train().features(), "decoding is deterministic");
  }

  @Test
  void missingFolderIsAOneLineError(@TempDir Path root) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageFolderReader.read(root.resolve("absent"), 32));
    assertTrue(e.getMessage().contains("train"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }
}
