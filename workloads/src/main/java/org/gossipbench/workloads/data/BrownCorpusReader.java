package org.gossipbench.workloads.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one file of the Brown corpus in its tagged form C (the NLTK layout): one sentence per
 * non-blank line, tokens separated by whitespace, each {@code word/tag} split at its last slash
 * (words such as {@code 1/2} hold slashes themselves).
 */
public final class BrownCorpusReader {
  private BrownCorpusReader() {}

  public static List<List<TaggedWord>> read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllBytes(file));
  }

  /**
   * @param source names the input in error messages
   * @return the sentences in file order
   */
  public static List<List<TaggedWord>> parse(String source, byte[] bytes) {
    // The corpus is ASCII; Latin-1 maps any stray byte to one character instead of failing.
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    List<List<TaggedWord>> sentences = new ArrayList<>();
    int lineNo = 0;
    for (String line : (Iterable<String>) text.lines()::iterator) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty()) {
        continue;
      }
      String[] tokens = s.split("\\s+");
      List<TaggedWord> sentence = new ArrayList<>(tokens.length);
      for (String t : tokens) {
        int slash = t.lastIndexOf('/');
        if (slash <= 0 || slash == t.length() - 1) {
          throw new DataFormatException(
              source + ":" + lineNo + ": token '" + t + "' is not word/tag");
        }
        sentence.add(new TaggedWord(t.substring(0, slash), t.substring(slash + 1)));
      }
      sentences.add(List.copyOf(sentence));
    }
    return sentences;
  }
}
