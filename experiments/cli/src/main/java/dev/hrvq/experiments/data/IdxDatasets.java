package dev.hrvq.experiments.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads an MNIST-style split: an images IDX file (n, h, w) and a labels IDX file (n).
 *
 * <p>MNIST and Fashion-MNIST share the file names and layout; only the folder and compression
 * differ, and {@link Idx} detects compression itself.
 */
final class IdxDatasets {

  private IdxDatasets() {}

  /** The file-name stem of a split: {@code train} or {@code t10k}. */
  static String stem(Split split) {
    return split == Split.TRAIN ? "train" : "t10k";
  }

  /**
   * The images or labels file of {@code split} in {@code dir}: plain when present, else
   * {@code .gz}; null when neither exists.
   */
  static Path find(Path dir, Split split, String kind) {
    String base = stem(split) + "-" + kind;
    for (String name : new String[] {base, base + ".gz"}) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** True when all four files (both splits, images and labels) are in {@code dir}. */
  static boolean complete(Path dir) {
    for (Split s : Split.values()) {
      if (find(dir, s, "images-idx3-ubyte") == null || find(dir, s, "labels-idx1-ubyte") == null) {
        return false;
      }
    }
    return true;
  }

  /** Loads one split from {@code dir}; throws MissingDataSetException when a file is absent. */
  static Dataset load(String name, Path dir, Split split) {
    Path imagesFile = find(dir, split, "images-idx3-ubyte");
    if (imagesFile == null) {
      throw new MissingDataSetException(name, dir.resolve(stem(split) + "-images-idx3-ubyte[.gz]").toString());
    }
    Path labelsFile = find(dir, split, "labels-idx1-ubyte");
    if (labelsFile == null) {
      throw new MissingDataSetException(name, dir.resolve(stem(split) + "-labels-idx1-ubyte[.gz]").toString());
    }
    try {
      return fromIdx(name, Idx.read(imagesFile), imagesFile, Idx.read(labelsFile), labelsFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  /** Joins an images array and a labels array into a one-channel data set scaled to [0, 1]. */
  static Dataset fromIdx(String name, IdxArray images, Path imagesFile, IdxArray labels, Path labelsFile) {
    if (images.dims().length != 3) {
      throw new IllegalArgumentException("file " + imagesFile + " has dims "
          + Arrays.toString(images.dims()) + "; images need 3 (n, h, w)");
    }
    if (labels.dims().length != 1) {
      throw new IllegalArgumentException("file " + labelsFile + " has dims "
          + Arrays.toString(labels.dims()) + "; labels need 1 (n)");
    }
    int n = images.dims()[0];
    if (labels.dims()[0] != n) {
      throw new IllegalArgumentException("file " + labelsFile + " has " + labels.dims()[0]
          + " labels but " + imagesFile + " has " + n + " images");
    }
    byte[] raw = images.data();
    float[] pixels = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      pixels[i] = (raw[i] & 0xff) / 255f;
    }
    int[] lab = new int[n];
    for (int i = 0; i < n; i++) {
      lab[i] = labels.unsignedAt(i);
    }
    return new Dataset(name, pixels, n, images.dims()[1], images.dims()[2], 1, lab);
  }
}
