package dev.hrvq.experiments.data;

/**
 * 8-bit pixels and the channel rule of {@code data.dataset images}: {@code data.channels} 1 or 3
 * when given, else 1 if every image is grayscale and 3 otherwise. Gray becomes RGB by copying the
 * value into all three channels; RGB becomes gray by the Rec. 601 luma
 * {@code round(0.299 R + 0.587 G + 0.114 B)} of the 8-bit values (what JPEG and PIL's "L" use).
 */
final class ImageChannels {
  private ImageChannels() {}

  /** The channel count a folder gets. */
  static int choose(Integer configured, boolean allGray) {
    return configured != null ? configured : allGray ? 1 : 3;
  }

  /** Values in [0, 1] rounded to 8 bits: {@code round(255 v)}, clamped. */
  static byte[] toBytes(float[] values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      long v = Math.round(values[i] * 255.0);
      out[i] = (byte) Math.max(0, Math.min(255, v));
    }
    return out;
  }

  /** {@code pixels} of {@code from} channels as {@code to} channels (1 or 3 each). */
  static byte[] convert(byte[] pixels, int from, int to) {
    if (from == to) {
      return pixels;
    }
    int n = pixels.length / from;
    byte[] out = new byte[n * to];
    for (int i = 0; i < n; i++) {
      if (from == 1) {
        out[3 * i] = pixels[i];
        out[3 * i + 1] = pixels[i];
        out[3 * i + 2] = pixels[i];
      } else {
        double y = 0.299 * (pixels[3 * i] & 0xff) + 0.587 * (pixels[3 * i + 1] & 0xff) + 0.114 * (pixels[3 * i + 2] & 0xff);
        out[i] = (byte) Math.min(255, Math.round(y));
      }
    }
    return out;
  }
}
