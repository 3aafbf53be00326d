package dev.hrvq.experiments.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests, so no test needs a real data set. */
final class IdxFiles {

  private IdxFiles() {}

  /** The bytes of an unsigned-byte IDX file with these dims and data (not checked: tests lie). */
  static byte[] bytes(int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) 0x08).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d); // ByteBuffer is big-endian, as IDX is.
    }
    b.put(data);
    return b.array();
  }

  static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  static Path write(Path file, int[] dims, byte[] data, boolean gzipped) throws IOException {
    byte[] plain = bytes(dims, data);
    Files.createDirectories(file.getParent());
    return Files.write(file, gzipped ? gzip(plain) : plain);
  }

  /**
   * Writes the four MNIST files into {@code dir}: {@code n} train and {@code n} test images of
   * h x w; image i's pixel j is (i * 7 + j) mod 256 (train) or its complement (test); label i % 10.
   */
  static void writeMnistLike(Path dir, int n, int h, int w, boolean gzipped) throws IOException {
    String ext = gzipped ? ".gz" : "";
    for (Split split : Split.values()) {
      byte[] images = new byte[n * h * w];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < h * w; j++) {
          int v = (i * 7 + j) & 0xff;
          images[i * h * w + j] = (byte) (split == Split.TRAIN ? v : 255 - v);
        }
      }
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) {
        labels[i] = (byte) (i % 10);
      }
      String stem = IdxDatasets.stem(split);
      write(dir.resolve(stem + "-images-idx3-ubyte" + ext), new int[] {n, h, w}, images, gzipped);
      write(dir.resolve(stem + "-labels-idx1-ubyte" + ext), new int[] {n}, labels, gzipped);
    }
  }
}
