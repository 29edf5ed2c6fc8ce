package org.gossipbench.workloads.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A WordPiece vocabulary in the format BERT's checkpoints ship ({@code vocab.txt}: one token per
 * line, the id is the line number, {@code ##} marks a piece that continues a word). The five
 * special tokens must be present; the published uncased vocabulary has them at ids 0, 100-103.
 */
public final class WordPieceVocabulary {
  public static final String PAD = "[PAD]";
  public static final String UNK = "[UNK]";
  public static final String CLS = "[CLS]";
  public static final String SEP = "[SEP]";
  public static final String MASK = "[MASK]";
  private static final List<String> SPECIALS = List.of(PAD, UNK, CLS, SEP, MASK);

  private final List<String> tokens;
  private final Map<String, Integer> ids;

  private WordPieceVocabulary(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    this.ids = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      ids.putIfAbsent(tokens.get(i), i);
    }
    for (String s : SPECIALS) {
      if (!ids.containsKey(s)) {
        throw new DataFormatException("a WordPiece vocabulary needs " + s + "; it is missing");
      }
    }
  }

  /** Reads {@code vocab.txt}: one token per line, UTF-8, the line number is the id. */
  public static WordPieceVocabulary read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines = lines.subList(0, lines.size() - 1);
      }
      return new WordPieceVocabulary(lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the WordPiece vocabulary " + file, e);
    }
  }

  /** A vocabulary from a list of tokens (the specials must be among them). */
  public static WordPieceVocabulary of(List<String> tokens) {
    return new WordPieceVocabulary(tokens);
  }

  /**
   * A vocabulary derived from a corpus when no published one is given: the specials, every
   * character seen (alone and as a {@code ##} continuation, so every word can be spelled and
   * nothing becomes [UNK]), then the most frequent whole words (ties by spelling) up to {@code
   * size}. Not Google's trained WordPiece vocabulary: it keeps runs on this machine's corpora
   * self-contained, and any {@code vocab.txt} can replace it.
   *
   * @param words the corpus's words after {@link WordPieceTokenizer#basicTokens}
   */
  public static WordPieceVocabulary derive(Collection<String> words, int size) {
    Map<String, Integer> counts = new TreeMap<>();
    Set<String> chars = new java.util.TreeSet<>();
    for (String w : words) {
      counts.merge(w, 1, Integer::sum);
      w.codePoints().forEach(c -> chars.add(new String(Character.toChars(c))));
    }
    LinkedHashSet<String> out = new LinkedHashSet<>(SPECIALS);
    for (String c : chars) {
      out.add(c);
      out.add("##" + c);
    }
    if (out.size() > size) {
      throw new IllegalArgumentException(
          "a vocabulary of "
              + size
              + " cannot hold the "
              + out.size()
              + " special tokens and characters of this corpus");
    }
    List<Map.Entry<String, Integer>> byCount = new ArrayList<>(counts.entrySet());
    byCount.sort((a, b) -> Integer.compare(b.getValue(), a.getValue())); // stable: ties by spelling
    for (Map.Entry<String, Integer> e : byCount) {
      if (out.size() >= size) {
        break;
      }
      out.add(e.getKey());
    }
    return new WordPieceVocabulary(new ArrayList<>(out));
  }

  public int size() {
    return tokens.size();
  }

  /** The id of {@code token}, or -1. */
  public int id(String token) {
    Integer i = ids.get(token);
    return i == null ? -1 : i;
  }

  public String token(int id) {
    return tokens.get(id);
  }

  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  public int pad() {
    return ids.get(PAD);
  }

  public int unk() {
    return ids.get(UNK);
  }

  public int cls() {
    return ids.get(CLS);
  }

  public int sep() {
    return ids.get(SEP);
  }

  public int mask() {
    return ids.get(MASK);
  }

  /** Whether {@code id} is one of the five special tokens (never masked, never a random swap). */
  public boolean isSpecial(int id) {
    return SPECIALS.contains(tokens.get(id));
  }

  public List<String> tokens() {
    return Collections.unmodifiableList(tokens);
  }
}
