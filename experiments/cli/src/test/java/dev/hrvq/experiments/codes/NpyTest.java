package dev.hrvq.experiments.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy writer and reader: round trip, the format's alignment, NumPy itself reading the file, and bad files. */
class NpyTest {
  @TempDir Path tmp;

  @Test
  void roundTripsAndAlignsTheDataTo64Bytes() throws IOException {
    long[] values = {0, 1, -2, Long.MAX_VALUE, 42, 7};
    Path file = tmp.resolve("a.npy");
    Npy.write(file, new Npy.LongArray(values, new long[] {2, 1, 3}));
    byte[] bytes = Files.readAllBytes(file);
    int header = bytes.length - 8 * values.length;
    assertThat(header % 64).as("the data starts at a multiple of 64 bytes").isZero();
    assertThat(new String(bytes, 10, header - 10, java.nio.charset.StandardCharsets.US_ASCII))
        .startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 1, 3), }").endsWith("\n");
    Npy.LongArray back = Npy.read(file);
    assertThat(back.values()).containsExactly(values);
    assertThat(back.shape()).containsExactly(2, 1, 3);
  }

  @Test
  void numpyReadsWhatItWrites() throws Exception {
    long[] values = new long[2 * 3 * 4];
    Arrays.setAll(values, i -> i * 7L - 5);
    Path file = tmp.resolve("codes.npy");
    Npy.write(file, new Npy.LongArray(values, new long[] {2, 3, 4}));
    Process p = new ProcessBuilder("/usr/bin/python3", "-c",
        "import numpy as np, sys; a = np.load(sys.argv[1]); print(a.dtype, a.shape, int(a.sum()), int(a[1, 2, 3]))", file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).isEqualTo("int64 (2, 3, 4) " + Arrays.stream(values).sum() + " " + values[values.length - 1]);
  }

  @Test
  void otherTypesAndTruncatedFilesAreNamed() throws IOException {
    Path file = tmp.resolve("b.npy");
    Npy.write(file, new Npy.LongArray(new long[] {1, 2, 3}, new long[] {3}));
    byte[] bytes = Files.readAllBytes(file);
    Path floats = tmp.resolve("f.npy");
    Files.write(floats, new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("<i8", "<f4")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Npy.read(floats)).hasMessageContaining(floats.toString()).hasMessageContaining("<f4").hasMessageContaining("int64");
    Path cut = tmp.resolve("cut.npy");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 5));
    assertThatThrownBy(() -> Npy.read(cut)).hasMessageContaining("truncated");
    Path text = Files.writeString(tmp.resolve("t.npy"), "hello");
    assertThatThrownBy(() -> Npy.read(text)).hasMessageContaining("not a .npy file");
  }
}
