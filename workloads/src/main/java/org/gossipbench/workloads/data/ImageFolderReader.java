package org.gossipbench.workloads.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads an ImageNet-style folder, {@code root/train/<class>/*.JPEG} and {@code
 * root/val/<class>/*.JPEG}, into memory as {@link DatasetSplits} of 3×size×size samples. Classes
 * are the train folder's sub-folders sorted by name (so label i means the same class in both splits
 * and on every node); files are sorted by name so the sample order is deterministic. Each image is
 * resized (bilinear) so its shorter side is {@code size}, center-cropped to size×size, scaled to
 * [0, 1] and normalized per channel with the ImageNet mean and standard deviation that the
 * reference ResNet-50 training uses.
 *
 * <p>Everything is decoded up front: 3·224·224 floats are 602 KB per image, so this suits subsets
 * (a few thousand images per GB of heap), not the full 1.28 M-image training set, which needs a
 * streaming reader.
 */
public final class ImageFolderReader {
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};

  private ImageFolderReader() {}

  /**
   * @throws IllegalArgumentException (one line) when {@code root/train} or {@code root/val} is
   *     missing, has no class folders, or a file cannot be decoded
   */
  public static DatasetSplits read(Path root, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("image size must be >= 1, got " + size);
    }
    Path train = root.resolve("train");
    Path val = root.resolve("val");
    for (Path p : List.of(train, val)) {
      if (!Files.isDirectory(p)) {
        throw new IllegalArgumentException(
            "image folder " + root + " has no " + p.getFileName() + "/<class>/*.JPEG folder");
      }
    }
    List<String> classes = classes(train);
    if (classes.size() < 2) {
      throw new IllegalArgumentException(
          "image folder " + train + " needs at least 2 class folders, found " + classes.size());
    }
    String name = "image-folder:" + root.getFileName();
    return new DatasetSplits(
        split(name + "/train", train, classes, size), split(name + "/val", val, classes, size));
  }

  /** Sub-folder names of {@code dir}, sorted. */
  static List<String> classes(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Dataset split(String name, Path dir, List<String> classes, int size) {
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Path cdir = dir.resolve(classes.get(c));
      if (!Files.isDirectory(cdir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(cdir)) {
        for (Path f : s.filter(ImageFolderReader::isJpeg).sorted().toList()) {
          files.add(f);
          labels.add(c);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("image folder " + dir + " holds no JPEG files");
    }
    int plane = size * size;
    float[] features = new float[files.size() * 3 * plane];
    int[] y = new int[files.size()];
    for (int i = 0; i < files.size(); i++) {
      decode(files.get(i), size, features, i * 3 * plane);
      y[i] = labels.get(i);
    }
    return new Dataset(name, features, y, null, new int[] {3, size, size}, classes.size());
  }

  private static boolean isJpeg(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && (n.endsWith(".jpeg") || n.endsWith(".jpg"));
  }

  /** Writes one image's normalized CHW pixels into {@code out[offset, offset + 3·size²)}. */
  static void decode(Path file, int size, float[] out, int offset) {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read image " + file + ": " + e.getMessage());
    }
    if (img == null) {
      throw new IllegalArgumentException("not a decodable image: " + file);
    }
    int w = img.getWidth();
    int h = img.getHeight();
    double scale = (double) size / Math.min(w, h);
    int sw = Math.max(size, (int) Math.round(w * scale));
    int sh = Math.max(size, (int) Math.round(h * scale));
    BufferedImage crop = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = crop.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(img, -(sw - size) / 2, -(sh - size) / 2, sw, sh, null);
    g.dispose();
    int plane = size * size;
    for (int yy = 0; yy < size; yy++) {
      for (int xx = 0; xx < size; xx++) {
        int rgb = crop.getRGB(xx, yy);
        int p = yy * size + xx;
        out[offset + p] = (((rgb >> 16) & 0xFF) / 255f - MEAN[0]) / STD[0];
        out[offset + plane + p] = (((rgb >> 8) & 0xFF) / 255f - MEAN[1]) / STD[1];
        out[offset + 2 * plane + p] = ((rgb & 0xFF) / 255f - MEAN[2]) / STD[2];
      }
    }
  }
}
