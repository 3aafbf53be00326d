package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

  @TempDir Path dir;

  // A 2x3 array with a 0 and a 255, so signedness bugs show up.
  private static final int[] DIMS = {2, 3};
  private static final byte[] DATA = {0, 1, 2, (byte) 128, (byte) 200, (byte) 255};

  @Test
  void readsPlainFileExactly() throws IOException {
    IdxArray a = Idx.read(IdxFiles.write(dir.resolve("a-idx2-ubyte"), DIMS, DATA, false));
    assertThat(a.dims()).containsExactly(2, 3);
    assertThat(a.count()).isEqualTo(2);
    assertThat(a.data()).containsExactly(DATA);
    assertThat(a.unsignedAt(3)).isEqualTo(128);
    assertThat(a.unsignedAt(5)).isEqualTo(255);
  }

  @Test
  void readsGzippedFileExactly() throws IOException {
    IdxArray a = Idx.read(IdxFiles.write(dir.resolve("a-idx2-ubyte.gz"), DIMS, DATA, true));
    assertThat(a.dims()).containsExactly(2, 3);
    assertThat(a.data()).containsExactly(DATA);
  }

  @Test
  void detectsGzipByContentNotName() throws IOException {
    IdxArray gzNoSuffix = Idx.read(IdxFiles.write(dir.resolve("plain-name"), DIMS, DATA, true));
    IdxArray plainWithGz = Idx.read(IdxFiles.write(dir.resolve("looks.gz"), DIMS, DATA, false));
    assertThat(gzNoSuffix.data()).containsExactly(DATA);
    assertThat(plainWithGz.data()).containsExactly(DATA);
  }

  @Test
  void readsThreeDimensionalImages() throws IOException {
    byte[] data = new byte[2 * 4 * 5];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 6);
    }
    IdxArray a = Idx.read(IdxFiles.write(dir.resolve("img"), new int[] {2, 4, 5}, data, true));
    assertThat(a.dims()).containsExactly(2, 4, 5);
    assertThat(a.unsignedAt(39)).isEqualTo((39 * 6) & 0xff);
  }

  @Test
  void truncatedDataNamesFileAndByteCounts() throws IOException {
    byte[] full = IdxFiles.bytes(DIMS, DATA);
    Path file = Files.write(dir.resolve("short-idx"), Arrays.copyOf(full, full.length - 2));
    assertThatThrownBy(() -> Idx.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage("file " + file + " is truncated: header promises 6 bytes of data, found 4");
  }

  @Test
  void truncatedGzipNamesFileAndByteCounts() throws IOException {
    byte[] data = new byte[4000];
    new java.util.Random(3).nextBytes(data); // incompressible, so cutting the file cuts the data
    byte[] gz = IdxFiles.gzip(IdxFiles.bytes(new int[] {4000}, data));
    Path file = Files.write(dir.resolve("short.gz"), Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> Idx.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("file " + file + " is truncated: header promises 4000 bytes of data, found ");
  }

  @Test
  void truncatedHeaderIsReported() throws IOException {
    Path file = Files.write(dir.resolve("hdr"), new byte[] {0, 0, 8, 3, 0, 0, 0, 1});
    assertThatThrownBy(() -> Idx.read(file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("is truncated: header promises 3 dimension sizes (12 bytes), found 4 bytes");
  }

  @Test
  void badMagicFails() throws IOException {
    Path file = Files.write(dir.resolve("notidx.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
    assertThatThrownBy(() -> Idx.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage("file " + file + " is not an IDX file: bad magic 89 50 4e 47 (expected 00 00 TYPE NDIMS)");
  }

  @Test
  void unsupportedTypeFails() throws IOException {
    byte[] floats = IdxFiles.bytes(new int[] {1}, new byte[4]);
    floats[2] = 0x0D;
    Path file = Files.write(dir.resolve("floats"), floats);
    assertThatThrownBy(() -> Idx.read(file))
        .hasMessage("file " + file + " has unsupported IDX type 0x0d; only 0x08 (unsigned byte) is supported");
  }

  @Test
  void trailingBytesAreReported() throws IOException {
    byte[] full = IdxFiles.bytes(DIMS, DATA);
    byte[] longer = Arrays.copyOf(full, full.length + 3);
    Path file = Files.write(dir.resolve("long"), longer);
    assertThatThrownBy(() -> Idx.read(file))
        .hasMessage("file " + file + " has 3 bytes after the 6 bytes of data its header promises (dims [2, 3])");
  }

  @Test
  void missingFileNamesIt() {
    Path file = dir.resolve("nope-idx3-ubyte");
    assertThatThrownBy(() -> Idx.read(file))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("IDX file " + file + " does not exist");
  }

  @Test
  void emptyFileIsTruncated() throws IOException {
    Path file = Files.write(dir.resolve("empty"), new byte[0]);
    assertThatThrownBy(() -> Idx.read(file)).hasMessageContaining("file " + file + " is truncated");
  }
}
