package dev.hrvq.experiments.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Which image files a folder holds, which split and class each belongs to: the layout rules of
 * {@code data.dataset images}, applied without decoding anything.
 *
 * <ul>
 *   <li>Image files end in {@code .png}, {@code .jpg}, {@code .jpeg} or {@code .bmp} (any case);
 *       other files, and any file or folder whose name starts with a dot, are ignored. Links are
 *       followed.
 *   <li>A root holding {@code train/} and {@code test/} is split already; one without them is split
 *       by {@code testFraction}: the files, sorted by relative path, are shuffled with
 *       {@code splitSeed} ({@link Dataset#shuffledRange}) and the first
 *       {@code round(n * testFraction)} are the test split.
 *   <li>Inside a split folder (or the root, when unsplit), subfolders are classes, read
 *       recursively, numbered 0, 1, ... in sorted order of their names (Java string order); images
 *       directly in it with no subfolders mean no labels. Both at once is an error. With
 *       {@code train/} and {@code test/}, classes are train's, and a test class train lacks is an error.
 *   <li>Each split is kept in an order shuffled by {@code splitSeed}, so that
 *       {@code data.train_limit} and {@code data.test_limit} take a sample across classes.
 * </ul>
 *
 * @param classes the class names in label order; empty when the images have no labels
 */
public record ImageFolderScan(Path root, boolean presplit, List<String> classes, List<Entry> train, List<Entry> test) {
  /** The extensions read, lower case. */
  public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");

  /** One image file: its path relative to the root with {@code /} separators, and its label (-1: none). */
  public record Entry(String relative, Path file, int label) {}

  /** True when the images have class labels. */
  public boolean labelled() {
    return !classes.isEmpty();
  }

  /** The entries of {@code split}. */
  public List<Entry> entries(Split split) {
    return split == Split.TRAIN ? train : test;
  }

  /** Scans {@code options.folder()}; every layout problem is an IllegalArgumentException naming the file or folder. */
  public static ImageFolderScan of(ImageFolderOptions options) {
    Path root = options.absoluteFolder();
    String where = "data.path " + options.folder() + (options.folder().isAbsolute() ? "" : " (" + root + "; relative paths are read from the current folder)");
    if (!Files.exists(root)) {
      throw new IllegalArgumentException(where + ": no such folder; point data.path at the folder of your images");
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(where + ": not a folder; point data.path at the folder that holds your images");
    }
    Path trainDir = root.resolve("train");
    Path testDir = root.resolve("test");
    boolean hasTrain = Files.isDirectory(trainDir);
    boolean hasTest = Files.isDirectory(testDir);
    if (hasTrain != hasTest) {
      throw new IllegalArgumentException(root + " has " + (hasTrain ? "train/ but no test/" : "test/ but no train/")
          + ": give both, or neither and let data.test_fraction split the images");
    }
    if (!hasTrain) {
      Part all = Part.of(root, root);
      if (all.files.isEmpty()) {
        throw new IllegalArgumentException(root + " holds no images (searched recursively for " + String.join(", ", EXTENSIONS) + ")");
      }
      return split(root, all, options);
    }
    for (Path f : imageFiles(root)) {
      if (!f.startsWith(trainDir) && !f.startsWith(testDir)) {
        throw new IllegalArgumentException(f + ": an image outside train/ and test/ of " + root + "; move it into one of them");
      }
    }
    Part train = Part.of(root, trainDir);
    Part test = Part.of(root, testDir);
    for (Part p : List.of(train, test)) {
      if (p.files.isEmpty()) {
        throw new IllegalArgumentException(p.dir + " holds no images (searched recursively for " + String.join(", ", EXTENSIONS) + ")");
      }
    }
    if (train.labelled() != test.labelled()) {
      throw new IllegalArgumentException(root + ": " + (train.labelled() ? "train/ has class folders but test/ has not" : "test/ has class folders but train/ has not")
          + "; use class folders in both (labelled) or in neither (unlabelled)");
    }
    List<String> classes = List.copyOf(train.classes.keySet());
    for (String c : test.classes.keySet()) {
      if (!train.classes.containsKey(c)) {
        throw new IllegalArgumentException(testDir.resolve(c) + ": class '" + c + "' is not among train/'s classes ("
            + String.join(", ", classes) + "); add its images to train/ or remove it from test/");
      }
    }
    return new ImageFolderScan(root, true, classes, shuffled(train.entries(classes), options.splitSeed()),
        shuffled(test.entries(classes), options.splitSeed()));
  }

  private static ImageFolderScan split(Path root, Part all, ImageFolderOptions options) {
    List<String> classes = List.copyOf(all.classes.keySet());
    List<Entry> entries = all.entries(classes);
    int n = entries.size();
    int testCount = (int) Math.round(n * options.testFraction());
    if (testCount == 0 || testCount == n) {
      throw new IllegalArgumentException(root + ": data.test_fraction " + options.testFraction() + " of " + n + " image(s) leaves the "
          + (testCount == 0 ? "test" : "training") + " split empty; add images, change data.test_fraction, or give train/ and test/ folders");
    }
    int[] order = Dataset.shuffledRange(n, options.splitSeed());
    List<Entry> test = new ArrayList<>();
    List<Entry> train = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      (k < testCount ? test : train).add(entries.get(order[k]));
    }
    return new ImageFolderScan(root, false, classes, List.copyOf(train), List.copyOf(test));
  }

  private static List<Entry> shuffled(List<Entry> sorted, long seed) {
    int[] order = Dataset.shuffledRange(sorted.size(), seed);
    List<Entry> out = new ArrayList<>(sorted.size());
    for (int i : order) {
      out.add(sorted.get(i));
    }
    return List.copyOf(out);
  }

  /**
   * The images of one split folder: loose files directly in it, or files by class subfolder
   * (sorted by name). Subfolders without images are not classes.
   */
  private record Part(Path root, Path dir, List<Path> files, Map<String, List<Path>> classes) {
    static Part of(Path root, Path dir) {
      List<Path> loose = new ArrayList<>();
      Map<String, List<Path>> classes = new TreeMap<>();
      for (Path child : list(dir)) {
        if (Files.isDirectory(child)) {
          List<Path> files = imageFiles(child);
          if (!files.isEmpty()) {
            classes.put(child.getFileName().toString(), files);
          }
        } else if (isImage(child)) {
          loose.add(child);
        }
      }
      if (!loose.isEmpty() && !classes.isEmpty()) {
        throw new IllegalArgumentException(loose.get(0) + ": an image directly in " + dir + " next to class folders ("
            + String.join(", ", classes.keySet()) + "); move it into a class folder, or take all images out of the class folders for unlabelled data");
      }
      List<Path> all = new ArrayList<>(loose);
      classes.values().forEach(all::addAll);
      return new Part(root, dir, all, classes);
    }

    boolean labelled() {
      return !classes.isEmpty();
    }

    /** Every file with its label (the index of its class in {@code names}), sorted by relative path. */
    List<Entry> entries(List<String> names) {
      List<Entry> out = new ArrayList<>();
      if (classes.isEmpty()) {
        files.forEach(f -> out.add(new Entry(relative(root, f), f, -1)));
      } else {
        classes.forEach((name, fs) -> fs.forEach(f -> out.add(new Entry(relative(root, f), f, names.indexOf(name)))));
      }
      out.sort((a, b) -> a.relative().compareTo(b.relative()));
      return out;
    }
  }

  private static String relative(Path root, Path file) {
    List<String> parts = new ArrayList<>();
    root.relativize(file).forEach(p -> parts.add(p.toString()));
    return String.join("/", parts);
  }

  private static boolean isImage(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private static boolean hidden(Path p) {
    return p.getFileName().toString().startsWith(".");
  }

  /** False when any part of the relative path {@code p} is hidden (starts with a dot). */
  private static boolean visible(Path p) {
    for (Path part : p) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    return true;
  }

  /** The non-hidden entries directly in {@code dir}, sorted. */
  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !hidden(p)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Image files under {@code dir} at any depth, skipping hidden files and folders, sorted. */
  private static List<Path> imageFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      return s.filter(p -> !p.equals(dir) && visible(dir.relativize(p))).filter(ImageFolderScan::isImage).sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("cannot read the folder " + dir + ": " + e.getMessage(), e);
    }
  }
}
