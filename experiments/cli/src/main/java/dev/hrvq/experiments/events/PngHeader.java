package dev.hrvq.experiments.events;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The size and colour space of a PNG, from its IHDR chunk, which the PNG spec puts first: an image
 * summary carries them beside the encoded bytes, and TensorBoard shows the bytes as they are.
 *
 * @param colorspace as in TensorFlow's Summary.Image: 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA
 */
record PngHeader(int width, int height, int colorspace) {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static PngHeader of(byte[] png, Path file) {
    // Signature (8), chunk length (4), "IHDR" (4), width (4), height (4), bit depth (1), colour type (1).
    if (png.length < 26 || !Arrays.equals(Arrays.copyOf(png, 8), SIGNATURE) || png[12] != 'I' || png[13] != 'H' || png[14] != 'D'
        || png[15] != 'R') {
      throw new IllegalArgumentException(file + " is not a PNG file");
    }
    ByteBuffer b = ByteBuffer.wrap(png); // PNG numbers are big-endian
    int colorspace = switch (png[25]) {
      case 0 -> 1;
      case 4 -> 2;
      case 6 -> 4;
      default -> 3; // 2 (RGB) and 3 (palette, shown as RGB)
    };
    return new PngHeader(b.getInt(16), b.getInt(20), colorspace);
  }
}
