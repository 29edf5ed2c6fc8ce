package org.gossipbench.workloads.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT's tokenizer, as its reference {@code tokenization.py} reads: a basic pass (drop control
 * characters, pad CJK ideographs with spaces, optionally lowercase and strip accents, split on
 * whitespace, make every punctuation character a token of its own), then WordPiece: greedy
 * longest-match-first over the vocabulary, continuation pieces prefixed with {@code ##}, and a word
 * that cannot be spelled (or is longer than 100 characters) becomes one [UNK].
 */
public final class WordPieceTokenizer {
  private static final int MAX_WORD_CHARS = 100;

  private final WordPieceVocabulary vocabulary;
  private final boolean lowercase;

  public WordPieceTokenizer(WordPieceVocabulary vocabulary, boolean lowercase) {
    this.vocabulary = vocabulary;
    this.lowercase = lowercase;
  }

  /** Basic tokens of {@code text}: the words WordPiece then splits. */
  public static List<String> basicTokens(String text, boolean lowercase) {
    StringBuilder clean = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c == 0 || c == 0xFFFD || (Character.isISOControl(c) && !isWhitespace(c))) {
                return;
              }
              if (isCjk(c)) {
                clean.append(' ').appendCodePoint(c).append(' ');
              } else {
                clean.appendCodePoint(isWhitespace(c) ? ' ' : c);
              }
            });
    String s = clean.toString();
    if (lowercase) {
      s = Normalizer.normalize(s.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
      s = s.replaceAll("\\p{Mn}", "");
    }
    List<String> out = new ArrayList<>();
    for (String word : s.trim().split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      StringBuilder current = new StringBuilder();
      word.codePoints()
          .forEach(
              c -> {
                if (isPunctuation(c)) {
                  if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                  }
                  out.add(new String(Character.toChars(c)));
                } else {
                  current.appendCodePoint(c);
                }
              });
      if (current.length() > 0) {
        out.add(current.toString());
      }
    }
    return out;
  }

  /** Appends the WordPiece ids of {@code text} to {@code out}. */
  public void encode(String text, List<Integer> out) {
    for (String word : basicTokens(text, lowercase)) {
      pieces(word, out);
    }
  }

  public List<Integer> encode(String text) {
    List<Integer> out = new ArrayList<>();
    encode(text, out);
    return out;
  }

  /** Greedy longest-match-first pieces of one basic token. */
  void pieces(String word, List<Integer> out) {
    int n = word.length();
    if (word.codePointCount(0, n) > MAX_WORD_CHARS) {
      out.add(vocabulary.unk());
      return;
    }
    int mark = out.size();
    int start = 0;
    while (start < n) {
      int end = n;
      int found = -1;
      while (start < end) {
        String piece = (start > 0 ? "##" : "") + word.substring(start, end);
        found = vocabulary.id(piece);
        if (found >= 0) {
          break;
        }
        end -= Character.isLowSurrogate(word.charAt(end - 1)) && end - 2 >= start ? 2 : 1;
      }
      if (found < 0) {
        while (out.size() > mark) {
          out.remove(out.size() - 1);
        }
        out.add(vocabulary.unk());
        return;
      }
      out.add(found);
      start = end;
    }
  }

  private static boolean isWhitespace(int c) {
    return c == ' '
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || Character.getType(c) == Character.SPACE_SEPARATOR;
  }

  /** ASCII non-alphanumerics count as punctuation, as in the reference, plus Unicode's P*. */
  private static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47)
        || (c >= 58 && c <= 64)
        || (c >= 91 && c <= 96)
        || (c >= 123 && c <= 126)) {
      return true;
    }
    int t = Character.getType(c);
    return t == Character.CONNECTOR_PUNCTUATION
        || t == Character.DASH_PUNCTUATION
        || t == Character.START_PUNCTUATION
        || t == Character.END_PUNCTUATION
        || t == Character.INITIAL_QUOTE_PUNCTUATION
        || t == Character.FINAL_QUOTE_PUNCTUATION
        || t == Character.OTHER_PUNCTUATION;
  }

  private static boolean isCjk(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F)
        || (c >= 0x2B820 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x2F800 && c <= 0x2FA1F);
  }
}
