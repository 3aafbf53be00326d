package dev.hrvq.experiments.data;

import java.util.Random;

/**
 * An in-memory image data set: {@code n} images of {@code h x w x c} floats in [0, 1], NHWC order.
 *
 * <p>{@code labels} has one entry per image, or is empty when the data set has none (never null).
 * Arrays are shared, not copied: a data set may be hundreds of megabytes. Treat them as read-only.
 */
public record Dataset(String name, float[] images, int n, int h, int w, int c, int[] labels) {

  /** Checks the shape against the array lengths, so a bad loader fails here and not in a model. */
  public Dataset {
    if (n < 0 || h <= 0 || w <= 0 || c <= 0) {
      throw new IllegalArgumentException(
          "data set " + name + ": bad shape (" + n + ", " + h + ", " + w + ", " + c + ")");
    }
    if ((long) n * h * w * c != images.length) {
      throw new IllegalArgumentException("data set " + name + ": shape (" + n + ", " + h + ", " + w
          + ", " + c + ") needs " + (long) n * h * w * c + " floats, got " + images.length);
    }
    if (labels == null) {
      labels = new int[0];
    }
    if (labels.length != 0 && labels.length != n) {
      throw new IllegalArgumentException(
          "data set " + name + ": " + labels.length + " labels for " + n + " images");
    }
  }

  /** True when every image has a label. */
  public boolean hasLabels() {
    return labels.length == n && n > 0;
  }

  /** Floats in one image: h * w * c. */
  public int imageSize() {
    return h * w * c;
  }

  /** The shape as {n, h, w, c}. */
  public int[] shape() {
    return new int[] {n, h, w, c};
  }

  /**
   * Zero-pads every image to {@code size x size}, centred; the HR-VQVAE paper pads MNIST 28x28 to
   * 32x32 so that three stride-2 downsamplings divide evenly. An odd margin puts the extra row and
   * column at the bottom and right.
   */
  public Dataset pad(int size) {
    if (size < h || size < w) {
      throw new IllegalArgumentException("data set " + name + ": cannot pad " + h + "x" + w
          + " images to the smaller " + size + "x" + size);
    }
    if (size == h && size == w) {
      return this;
    }
    int top = (size - h) / 2;
    int left = (size - w) / 2;
    int rowIn = w * c;
    int rowOut = size * c;
    float[] out = new float[n * size * size * c];
    for (int i = 0; i < n; i++) {
      int srcBase = i * h * rowIn;
      int dstBase = i * size * rowOut;
      for (int y = 0; y < h; y++) {
        System.arraycopy(images, srcBase + y * rowIn,
            out, dstBase + (y + top) * rowOut + left * c, rowIn);
      }
    }
    return new Dataset(name, out, n, size, size, c, labels);
  }

  /** The images at {@code indices}, copied into one NHWC array of {@code indices.length} images. */
  public float[] batch(int[] indices) {
    int size = imageSize();
    float[] out = new float[indices.length * size];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException("data set " + name + ": index " + i + " of " + n);
      }
      System.arraycopy(images, i * size, out, k * size, size);
    }
    return out;
  }

  /** The labels at {@code indices}; empty when the data set has no labels. */
  public int[] batchLabels(int[] indices) {
    if (!hasLabels()) {
      return new int[0];
    }
    int[] out = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = labels[indices[k]];
    }
    return out;
  }

  /** A new data set of the images (and labels) at {@code indices}, in that order. */
  public Dataset subset(int[] indices) {
    return new Dataset(name, batch(indices), indices.length, h, w, c, batchLabels(indices));
  }

  /** The first {@code count} images (all of them when there are fewer). */
  public Dataset head(int count) {
    int k = Math.min(count, n);
    int[] idx = new int[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    return subset(idx);
  }

  /**
   * A permutation of 0..n-1 for one epoch, fixed by {@code seed}. Uses java.util.Random, whose
   * algorithm the Java spec fixes, so an order is the same on every JVM and run.
   */
  public int[] epochOrder(long seed) {
    return shuffledRange(n, seed);
  }

  /** The indices {@code start, start + 1, ..., start + count - 1}: one evaluation chunk. */
  public static int[] range(int start, int count) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = start + i;
    }
    return out;
  }

  /** 0..count-1 shuffled by Fisher-Yates with {@code new Random(seed)}. */
  public static int[] shuffledRange(int count, long seed) {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = count - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  @Override
  public String toString() {
    return "Dataset[" + name + ", (" + n + ", " + h + ", " + w + ", " + c + ")"
        + (hasLabels() ? ", labelled" : "") + "]";
  }
}
