package org.gossipbench.workloads.data;

/**
 * MNIST-style images in IDX files: the published 60,000/10,000 train/test split, pixels scaled to
 * [0, 1], sample shape {1, 28, 28} (channels, rows, columns), 10 classes.
 */
final class IdxImageDataset implements NamedDataset {
  private final String name;
  private final String description;
  private final String fileSuffix;

  /**
   * @param fileSuffix appended to the canonical file names ({@code .gz} where they stay gzipped)
   */
  IdxImageDataset(String name, String description, String fileSuffix) {
    this.name = name;
    this.description = description;
    this.fileSuffix = fileSuffix;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String source() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public DatasetSplits load(InstalledFiles files) {
    return new DatasetSplits(part(files, "train", "train"), part(files, "t10k", "test"));
  }

  private Dataset part(InstalledFiles files, String prefix, String split) {
    String imageFile = prefix + "-images-idx3-ubyte" + fileSuffix;
    String labelFile = prefix + "-labels-idx1-ubyte" + fileSuffix;
    String imageSource = files.path(imageFile).toString();
    String labelSource = files.path(labelFile).toString();
    IdxReader.IdxArray images = IdxReader.parse(imageSource, files.bytes(imageFile));
    int[] labels =
        IdxReader.labels(labelSource, IdxReader.parse(labelSource, files.bytes(labelFile)));
    int[] dims = images.dims();
    if (dims[0] != labels.length) {
      throw new DataFormatException(
          imageSource
              + ": "
              + dims[0]
              + " images but "
              + labels.length
              + " labels in "
              + labelSource);
    }
    if (dims.length != 3 || dims[1] != 28 || dims[2] != 28) {
      throw new DataFormatException(imageSource + ": images are not 28x28");
    }
    for (int l : labels) {
      if (l > 9) {
        throw new DataFormatException(labelSource + ": label " + l + " outside [0, 10)");
      }
    }
    return new Dataset(
        name + ":" + split,
        IdxReader.images(imageSource, images),
        labels,
        null,
        new int[] {1, 28, 28},
        10);
  }
}
