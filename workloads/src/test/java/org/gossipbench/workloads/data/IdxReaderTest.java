package org.gossipbench.workloads.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  private static final byte[] PIXELS = {0, (byte) 255, 51, 102, (byte) 128, 1, 2, 3, 4, 5, 6, 7};

  @Test
  void shouldReadPlainAndGzippedFilesAlike() throws IOException {
    byte[] plain = TestFiles.idx(new int[] {3, 2, 2}, PIXELS);
    Path a = Files.write(dir.resolve("images"), plain);
    Path b = Files.write(dir.resolve("images.gz"), TestFiles.gzip(plain));
    IdxReader.IdxArray x = IdxReader.read(a);
    IdxReader.IdxArray y = IdxReader.read(b);
    assertArrayEquals(new int[] {3, 2, 2}, x.dims());
    assertArrayEquals(x.dims(), y.dims());
    assertArrayEquals(PIXELS, x.data());
    assertArrayEquals(PIXELS, y.data());
  }

  @Test
  void shouldScalePixelsToTheUnitIntervalAndReadLabelsUnsigned() {
    float[] px =
        IdxReader.images("t", IdxReader.parse("t", TestFiles.idx(new int[] {3, 2, 2}, PIXELS)));
    assertEquals(0f, px[0]);
    assertEquals(1f, px[1]);
    assertEquals(0.2f, px[2], 1e-7);
    int[] labels =
        IdxReader.labels(
            "l", IdxReader.parse("l", TestFiles.idx(new int[] {3}, new byte[] {9, 0, (byte) 200})));
    assertArrayEquals(new int[] {9, 0, 200}, labels);
  }

  @Test
  void shouldRejectABadMagicNamingTheFile() {
    byte[] b = TestFiles.idx(new int[] {3}, new byte[3]);
    b[0] = 0x1e;
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> IdxReader.parse("f.idx", b));
    assertEquals("f.idx: bad IDX magic 0x1e000801", e.getMessage());
  }

  @Test
  void shouldRejectATruncatedFile() {
    byte[] b = TestFiles.idx(new int[] {3, 2, 2}, PIXELS);
    byte[] cut = Arrays.copyOf(b, b.length - 1);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> IdxReader.parse("f", cut));
    assertEquals(
        "f: truncated: dimensions [3, 2, 2] need 12 bytes of data, found 11", e.getMessage());
    assertThrows(DataFormatException.class, () -> IdxReader.parse("f", Arrays.copyOf(b, 10)));
  }

  @Test
  void shouldRejectATruncatedGzipStream() {
    byte[] gz = TestFiles.gzip(TestFiles.idx(new int[] {3, 2, 2}, PIXELS));
    byte[] cut = Arrays.copyOf(gz, gz.length - 12);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> IdxReader.parse("g.gz", cut));
    assertTrue(e.getMessage().startsWith("g.gz: "), e.getMessage());
  }

  @Test
  void shouldRejectTrailingBytesAndUnsupportedTypes() {
    byte[] b = TestFiles.idx(new int[] {2}, new byte[3]);
    assertEquals(
        "f: 1 bytes after the data of dimensions [2]",
        assertThrows(DataFormatException.class, () -> IdxReader.parse("f", b)).getMessage());
    byte[] floats = TestFiles.idx(new int[] {1}, new byte[4]);
    floats[2] = 0x0d;
    assertEquals(
        "f: IDX type 0x0d not supported (only 0x08, unsigned byte)",
        assertThrows(DataFormatException.class, () -> IdxReader.parse("f", floats)).getMessage());
  }

  @Test
  void shouldRejectALabelFileWithImageDimensions() {
    IdxReader.IdxArray images = IdxReader.parse("f", TestFiles.idx(new int[] {3, 2, 2}, PIXELS));
    assertThrows(DataFormatException.class, () -> IdxReader.labels("f", images));
    IdxReader.IdxArray labels = IdxReader.parse("f", TestFiles.idx(new int[] {3}, new byte[3]));
    assertThrows(DataFormatException.class, () -> IdxReader.images("f", labels));
  }
}
