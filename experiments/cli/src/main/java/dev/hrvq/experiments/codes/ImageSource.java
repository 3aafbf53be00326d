package dev.hrvq.experiments.codes;

import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.data.Split;
import dev.hrvq.models.Inference;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The images {@code hrvq encode} reads: a folder of PNG, JPEG or BMP files (recursively, in order
 * of their relative paths; each must have the model's size), or a data set as {@code NAME} or
 * {@code NAME:SPLIT} (test by default). Encoded in batches so a large folder never sits in memory.
 */
final class ImageSource {
  private static final int BATCH = 256;
  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");

  private ImageSource() {}

  /** Codes of every image and its name (a relative path, or {@code name:split:index}), in order. */
  record Encoded(Map<String, long[]> codes, List<String> names) {}

  static Encoded encode(String source, Inference model, DataSets data) {
    Path folder = Path.of(source);
    return Files.isDirectory(folder) ? encodeFolder(folder, model) : encodeDataset(source, model, data);
  }

  private static Encoded encodeFolder(Path folder, Inference model) {
    List<Path> files;
    try (Stream<Path> all = Files.walk(folder)) {
      files = all.filter(Files::isRegularFile)
          .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(folder + " holds no PNG, JPEG or BMP files");
    }
    Map<String, List<long[]>> parts = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (int start = 0; start < files.size(); start += BATCH) {
      List<BufferedImage> batch = new ArrayList<>();
      for (Path f : files.subList(start, Math.min(files.size(), start + BATCH))) {
        batch.add(read(f));
        names.add(folder.relativize(f).toString());
      }
      try {
        model.encode(batch).forEach((k, v) -> parts.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("in " + folder + " (files " + (start + 1) + " to " + (start + batch.size()) + " in path order): "
            + e.getMessage(), e);
      }
    }
    return new Encoded(concat(parts), names);
  }

  private static BufferedImage read(Path f) {
    try {
      BufferedImage image = ImageIO.read(f.toFile());
      if (image == null) {
        throw new IllegalArgumentException(f + ": not a readable image (no PNG, JPEG or BMP decoder accepts it)");
      }
      return image;
    } catch (IOException e) {
      throw new IllegalArgumentException(f + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static Encoded encodeDataset(String spec, Inference model, DataSets data) {
    String[] parts = spec.split(":", 2);
    Split split = parts.length == 2 ? Split.parse(parts[1]) : Split.TEST;
    if (!DataSets.NAMES.contains(parts[0])) {
      throw new IllegalArgumentException("--images " + spec + ": not a folder, and not a data set (" + String.join(", ", DataSets.NAMES)
          + ", optionally :train or :test)");
    }
    var shape = model.model().imageSpec().shape();
    int size = (int) shape.get(1);
    Dataset d = data.load(parts[0], split);
    if (d.c() != shape.get(3) || d.h() > size) {
      throw new IllegalArgumentException("--images " + spec + ": " + d.h() + "x" + d.w() + "x" + d.c() + " images do not fit this model's "
          + size + "x" + size + "x" + shape.get(3));
    }
    Dataset padded = d.h() == size ? d : d.pad(size);
    Map<String, List<long[]>> codes = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    int per = padded.imageSize();
    for (int start = 0; start < padded.n(); start += BATCH) {
      int n = Math.min(BATCH, padded.n() - start);
      float[] batch = java.util.Arrays.copyOfRange(padded.images(), start * per, (start + n) * per);
      model.encode(batch, n).forEach((k, v) -> codes.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      for (int i = start; i < start + n; i++) {
        names.add(parts[0] + ":" + split.label() + ":" + i);
      }
    }
    return new Encoded(concat(codes), names);
  }

  private static Map<String, long[]> concat(Map<String, List<long[]>> parts) {
    Map<String, long[]> out = new LinkedHashMap<>();
    parts.forEach((k, list) -> {
      long[] all = new long[list.stream().mapToInt(a -> a.length).sum()];
      int at = 0;
      for (long[] a : list) {
        System.arraycopy(a, 0, all, at, a.length);
        at += a.length;
      }
      out.put(k, all);
    });
    return out;
  }
}
