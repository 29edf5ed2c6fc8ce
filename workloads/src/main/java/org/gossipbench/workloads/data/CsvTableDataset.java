package org.gossipbench.workloads.data;

/**
 * A tabular dataset in one CSV file, split by {@link StratifiedSplit} (80/20, fixed seed). Features
 * are either standardized with the training set's mean and standard deviation (a constant column
 * becomes 0), or divided by a fixed scale (digits' pixels by 16, their maximum); the sample shape
 * is {featureCount}.
 */
final class CsvTableDataset implements NamedDataset {
  /** Standardize with training statistics rather than divide by a constant. */
  static final double STANDARDIZE = 0;

  private final String name;
  private final String source;
  private final String file;
  private final CsvTableReader.Header header;
  private final int numClasses;
  private final double scale;
  private final String description;

  CsvTableDataset(
      String name,
      String source,
      String file,
      CsvTableReader.Header header,
      int numClasses,
      double scale,
      String description) {
    this.name = name;
    this.source = source;
    this.file = file;
    this.header = header;
    this.numClasses = numClasses;
    this.scale = scale;
    this.description = description;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public DatasetSplits load(InstalledFiles files) {
    String path = files.path(file).toString();
    LabelledTable t = CsvTableReader.parse(path, files.bytes(file), header);
    for (int l : t.labels()) {
      if (l >= numClasses) {
        throw new DataFormatException(path + ": label " + l + " outside [0, " + numClasses + ")");
      }
    }
    int[][] split =
        StratifiedSplit.split(
            t.labels(), numClasses, StratifiedSplit.TEST_FRACTION, StratifiedSplit.SEED);
    int f = t.featureCount();
    double[] offset = new double[f];
    double[] divisor = new double[f];
    java.util.Arrays.fill(divisor, scale);
    if (scale == STANDARDIZE) {
      standardization(t, split[0], offset, divisor);
    }
    return new DatasetSplits(
        part(t, split[0], "train", offset, divisor), part(t, split[1], "test", offset, divisor));
  }

  /** Mean and population standard deviation of each column over the training rows. */
  private static void standardization(LabelledTable t, int[] rows, double[] mean, double[] sd) {
    int f = t.featureCount();
    double[] x = t.features();
    for (int r : rows) {
      for (int c = 0; c < f; c++) {
        mean[c] += x[r * f + c];
      }
    }
    for (int c = 0; c < f; c++) {
      mean[c] /= rows.length;
    }
    for (int r : rows) {
      for (int c = 0; c < f; c++) {
        double d = x[r * f + c] - mean[c];
        sd[c] += d * d;
      }
    }
    for (int c = 0; c < f; c++) {
      sd[c] = Math.sqrt(sd[c] / rows.length);
      if (sd[c] == 0) {
        sd[c] = 1;
      }
    }
  }

  private Dataset part(
      LabelledTable t, int[] rows, String split, double[] offset, double[] divisor) {
    int f = t.featureCount();
    float[] features = new float[rows.length * f];
    int[] labels = new int[rows.length];
    for (int k = 0; k < rows.length; k++) {
      int r = rows[k];
      for (int c = 0; c < f; c++) {
        features[k * f + c] = (float) ((t.features()[r * f + c] - offset[c]) / divisor[c]);
      }
      labels[k] = t.labels()[r];
    }
    return new Dataset(name + ":" + split, features, labels, null, new int[] {f}, numClasses);
  }
}
