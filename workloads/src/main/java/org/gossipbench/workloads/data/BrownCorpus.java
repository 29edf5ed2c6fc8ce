package org.gossipbench.workloads.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The installed Brown corpus (source {@code brown}): its 500 texts in file order (ca01 … cr09),
 * each with the genre {@code cats.txt} gives it, every file verified against the committed digest.
 */
public final class BrownCorpus {
  /** One text of the corpus. */
  public record Document(String id, String category, List<List<TaggedWord>> sentences) {}

  private BrownCorpus() {}

  public static List<Document> load(Path dataDir) {
    return load(DataCatalog.standard().source("brown"), dataDir);
  }

  public static List<Document> load(DatasetSource source, Path dataDir) {
    InstalledFiles files = InstalledFiles.open(source, dataDir);
    Map<String, String> categories = new HashMap<>();
    String cats = new String(files.bytes("cats.txt"), StandardCharsets.ISO_8859_1);
    for (String line : cats.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 2) {
        categories.put(f[0], f[1]);
      }
    }
    List<Document> docs = new ArrayList<>();
    for (String name : source.files().keySet()) {
      if (name.matches("c[a-r][0-9]{2}")) {
        docs.add(
            new Document(
                name,
                categories.getOrDefault(name, ""),
                BrownCorpusReader.parse(files.path(name).toString(), files.bytes(name))));
      }
    }
    return docs;
  }
}
