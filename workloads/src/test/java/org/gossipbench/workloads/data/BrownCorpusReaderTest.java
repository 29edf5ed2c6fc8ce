package org.gossipbench.workloads.data;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BrownCorpusReaderTest {
  private static final String SNIPPET =
      "\n\n\tThe/at Fulton/np-tl County/nn-tl said/vbd ./.\n\n\n"
          + "\tIt/pps cost/vbd 1/2/cd ''/'' ./.\n\n";

  @Test
  void shouldReadOneSentencePerLineAsWordTagPairs() {
    List<List<TaggedWord>> s = BrownCorpusReader.parse("ca01", SNIPPET.getBytes(US_ASCII));
    assertEquals(2, s.size());
    assertEquals(
        List.of(
            new TaggedWord("The", "at"),
            new TaggedWord("Fulton", "np-tl"),
            new TaggedWord("County", "nn-tl"),
            new TaggedWord("said", "vbd"),
            new TaggedWord(".", ".")),
        s.get(0));
  }

  @Test
  void shouldSplitATokenAtItsLastSlash() {
    List<TaggedWord> s = BrownCorpusReader.parse("ca01", SNIPPET.getBytes(US_ASCII)).get(1);
    assertEquals(new TaggedWord("1/2", "cd"), s.get(2));
    assertEquals(new TaggedWord("''", "''"), s.get(3));
  }

  @Test
  void shouldRejectATokenWithoutATagNamingFileAndLine() {
    byte[] bad = "\tThe/at jury said/vbd\n".getBytes(US_ASCII);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> BrownCorpusReader.parse("cb02", bad));
    assertEquals("cb02:1: token 'jury' is not word/tag", e.getMessage());
    assertThrows(
        DataFormatException.class,
        () -> BrownCorpusReader.parse("cb02", "\tthe/\n".getBytes(US_ASCII)));
  }
}
