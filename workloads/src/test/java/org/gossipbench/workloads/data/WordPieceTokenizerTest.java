package org.gossipbench.workloads.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases of BERT's own tokenization_test.py, with its vocabulary. */
class WordPieceTokenizerTest {
  private static final List<String> REFERENCE_VOCAB =
      List.of(
          "[UNK]", "[CLS]", "[SEP]", "want", "##want", "##ed", "wa", "un", "runn", "##ing", ",",
          "[PAD]", "[MASK]");

  @Test
  void basicPassLowercasesStripsAccentsAndSplitsPunctuation() {
    assertEquals(
        List.of("hello", "!", "how", "are", "you", "?"),
        WordPieceTokenizer.basicTokens(" \tHeLLo!how  \n Are yoU?  ", true));
    assertEquals(List.of("hello"), WordPieceTokenizer.basicTokens("H\u00E9llo", true));
    assertEquals(
        List.of("HeLLo", "!", "how", "Are", "yoU", "?"),
        WordPieceTokenizer.basicTokens(" \tHeLLo!how  \n Are yoU?  ", false));
    assertEquals(
        List.of("ah", "\u535A", "\u63A8", "zz"),
        WordPieceTokenizer.basicTokens("ah\u535A\u63A8zz", true));
  }

  @Test
  void wordPieceIsGreedyLongestMatchFirstAndUnspellableWordsAreOneUnk(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("vocab.txt");
    Files.write(file, REFERENCE_VOCAB);
    WordPieceVocabulary v = WordPieceVocabulary.read(file);
    WordPieceTokenizer t = new WordPieceTokenizer(v, true);
    assertEquals(ids(v, "un", "##want", "##ed", "runn", "##ing"), t.encode("unwanted running"));
    assertEquals(ids(v, "[UNK]", "runn", "##ing"), t.encode("unwantedX running"));
    assertEquals(
        ids(v, "un", "##want", "##ed", ",", "runn", "##ing"), t.encode("UNwant\u00E9d,running"));
    assertEquals(List.of(), t.encode(""));
  }

  @Test
  void aDerivedVocabularySpellsEveryWordOfItsCorpus() {
    List<String> words =
        WordPieceTokenizer.basicTokens("The cat sat. The dog sat on the mat!", true);
    WordPieceVocabulary v = WordPieceVocabulary.derive(words, 40);
    assertTrue(v.contains("the") && v.contains("##t") && v.contains("[MASK]"));
    WordPieceTokenizer t = new WordPieceTokenizer(v, true);
    List<Integer> ids = t.encode("the matted cats");
    assertTrue(ids.stream().noneMatch(i -> i == v.unk()), ids.toString());
    assertEquals("the", v.token(ids.get(0)));
    StringBuilder text = new StringBuilder();
    for (int id : ids) {
      String piece = v.token(id);
      text.append(piece.startsWith("##") ? piece.substring(2) : " " + piece);
    }
    assertEquals(" the matted cats", text.toString());
  }

  @Test
  void aVocabularyWithoutTheSpecialTokensIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vocab.txt");
    Files.write(file, List.of("[UNK]", "a", "b"));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> WordPieceVocabulary.read(file));
    assertTrue(e.getMessage().contains("[PAD]"), e.getMessage());
  }

  private static List<Integer> ids(WordPieceVocabulary v, String... tokens) {
    return java.util.Arrays.stream(tokens).map(v::id).toList();
  }
}
