package dev.hrvq.experiments.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * 32x32 RGB patches cropped, with a fixed seed, from the sample photos that Debian ships in
 * python3-skimage ({@code skimage/data}) and opencv-doc ({@code examples/data}).
 *
 * <p>Which photos: the PNG and JPEG files directly in those two folders that ImageIO can decode,
 * that are at least 32x32, and that have colour. Grayscale photos (every pixel R = G = B) are
 * skipped rather than copied into three channels: they would teach an RGB model that grey is
 * common. Alpha is dropped. With skimage 0.19.3 and OpenCV 4.6.0 (Debian 12) that leaves 60 of 125
 * files: 45 scenes, of which 36 (50 photos) train and 9 (10 photos) test.
 *
 * <p>Train/test split by scene, not by patch: test patches come only from photos whose scene
 * never appears in training. Photos of one scene (stereo pairs, sequences) are grouped by
 * {@link #sceneKey}, and a seeded shuffle of the sorted scenes puts 20% of them in test. Each
 * split's patch count is spread evenly over its scenes, then over each scene's photos (so the five
 * pic1..pic5 drawings do not outweigh one photo), the first in key/name order getting the
 * remainder. Each photo crops from its own Random seeded by its file name, so its patches do not
 * depend on which other files are present. Patches may overlap: 50,000 crops from ~50 photos.
 */
public final class NaturalPatches {

  /** Patch side in pixels. */
  public static final int PATCH = 32;
  /** Training patches by default. */
  public static final int DEFAULT_TRAIN = 50_000;
  /** Test patches by default. */
  public static final int DEFAULT_TEST = 10_000;
  /** The seed for the scene split and the crops; changing it changes the data set. */
  public static final long SEED = 0x5EED_0032L;
  /** Share of scenes held out for test. */
  static final double TEST_FRACTION = 0.2;

  /** One usable photo: its file, scene key, size, and which split it feeds. */
  public record Photo(Path file, String scene, int width, int height, Split split) {}

  private final List<Path> folders;
  private final int trainCount;
  private final int testCount;

  /** Patches from the photos directly in {@code folders}, with the given patch counts. */
  public NaturalPatches(List<Path> folders, int trainCount, int testCount) {
    this.folders = List.copyOf(folders);
    this.trainCount = trainCount;
    this.testCount = testCount;
  }

  /** The two Debian folders at {@code locations}, with the default counts (50,000 / 10,000). */
  public static NaturalPatches standard(DataLocations locations) {
    return new NaturalPatches(
        List.of(locations.skimageDataDir(), locations.opencvDataDir()), DEFAULT_TRAIN, DEFAULT_TEST);
  }

  /** The first folder that does not exist, or null when all do. */
  public Path missingFolder() {
    for (Path f : folders) {
      if (!Files.isDirectory(f)) {
        return f;
      }
    }
    return null;
  }

  /** The usable photos and their splits, sorted by file name (decodes every photo). */
  public List<Photo> photos() {
    return split(readPhotos()).stream().map(Loaded::photo).toList();
  }

  /** Crops the patches of {@code split}; labels are empty. */
  public Dataset load(String name, Split split) {
    Path missing = missingFolder();
    if (missing != null) {
      throw new MissingDataSetException(name, missing.toString());
    }
    // Scenes in key order, each with its photos in file-name order.
    Map<String, List<Loaded>> scenes = new TreeMap<>();
    for (Loaded l : split(readPhotos())) {
      if (l.photo.split == split) {
        scenes.computeIfAbsent(l.photo.scene, k -> new ArrayList<>()).add(l);
      }
    }
    int count = split == Split.TRAIN ? trainCount : testCount;
    float[] pixels = new float[Math.multiplyExact(count, PATCH * PATCH * 3)];
    int next = 0;
    int s = 0;
    for (List<Loaded> photos : scenes.values()) {
      int sceneQuota = share(count, scenes.size(), s++);
      for (int p = 0; p < photos.size(); p++) {
        next = crop(photos.get(p), share(sceneQuota, photos.size(), p), pixels, next);
      }
    }
    return new Dataset(name, pixels, count, PATCH, PATCH, 3, new int[0]);
  }

  /** Part {@code i} of {@code total} split into {@code parts} near-equal parts, the larger first. */
  private static int share(int total, int parts, int i) {
    return total / parts + (i < total % parts ? 1 : 0);
  }

  /**
   * Crops {@code quota} patches from {@code photo} into {@code pixels} from patch {@code next} on;
   * returns the next free patch. The photo's own Random, seeded from its file name, picks corners.
   */
  private static int crop(Loaded photo, int quota, float[] pixels, int next) {
    Random random = new Random(SEED ^ photo.photo.file.getFileName().toString().hashCode());
    int w = photo.photo.width;
    int per = PATCH * PATCH * 3;
    for (int k = 0; k < quota; k++, next++) {
      int x0 = random.nextInt(w - PATCH + 1);
      int y0 = random.nextInt(photo.photo.height - PATCH + 1);
      int base = next * per;
      for (int y = 0; y < PATCH; y++) {
        for (int x = 0; x < PATCH; x++) {
          int argb = photo.argb[(y0 + y) * w + x0 + x];
          int o = base + (y * PATCH + x) * 3;
          pixels[o] = ((argb >> 16) & 0xff) / 255f;
          pixels[o + 1] = ((argb >> 8) & 0xff) / 255f;
          pixels[o + 2] = (argb & 0xff) / 255f;
        }
      }
    }
    return next;
  }

  /**
   * The scene a photo belongs to, from its file name: lower-cased, extension dropped, then the
   * words left/right/modified/original/white/motion/defocus removed, trailing digits and separators removed, and
   * one trailing stereo/sequence letter (l, r, a, b, n) removed. So aloeL/aloeR, leuvenA/leuvenB,
   * pic1..pic5, left.jpg/right.jpg, imageTextN/imageTextR, ela_modified/ela_original and
   * text_motion/text_defocus (one photo, blurred two ways) pair up.
   * Over-grouping two unrelated photos is harmless; missing a pair would leak a scene into test.
   */
  static String sceneKey(String fileName) {
    String s = fileName.toLowerCase(Locale.ROOT);
    int dot = s.lastIndexOf('.');
    if (dot > 0) {
      s = s.substring(0, dot);
    }
    s = s.replaceAll("(left|right|modified|original|white|motion|defocus)", "");
    s = s.replaceAll("[0-9_\\-]+$", "");
    if (s.length() > 3 && "lrabn".indexOf(s.charAt(s.length() - 1)) >= 0) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** The scenes held out for test: a seeded shuffle of the sorted scenes, the first 20% of it. */
  static Set<String> testScenes(Set<String> scenes) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(scenes));
    if (sorted.size() < 2) {
      throw new IllegalStateException("natural patches need photos of at least 2 scenes to split"
          + " train from test; found " + sorted.size() + " " + sorted);
    }
    int[] order = Dataset.shuffledRange(sorted.size(), SEED);
    int k = Math.max(1, (int) Math.round(TEST_FRACTION * sorted.size()));
    Set<String> test = new HashSet<>();
    for (int i = 0; i < k; i++) {
      test.add(sorted.get(order[i]));
    }
    return test;
  }

  /** A decoded photo: where it goes and its pixels (ARGB, row-major). */
  private record Loaded(Photo photo, int[] argb) {}

  /** Assigns each decoded photo to a split by its scene. */
  private static List<Loaded> split(List<Loaded> photos) {
    Set<String> scenes = new HashSet<>();
    photos.forEach(p -> scenes.add(p.photo.scene));
    Set<String> test = testScenes(scenes);
    return photos.stream()
        .map(l -> new Loaded(new Photo(l.photo.file, l.photo.scene, l.photo.width, l.photo.height,
            test.contains(l.photo.scene) ? Split.TEST : Split.TRAIN), l.argb))
        .toList();
  }

  /** Decodes the usable photos, sorted by file name then folder; unusable ones are skipped. */
  private List<Loaded> readPhotos() {
    List<Path> files = new ArrayList<>();
    for (Path folder : folders) {
      try (Stream<Path> list = Files.list(folder)) {
        list.filter(NaturalPatches::isImageName).filter(Files::isRegularFile).forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list photos in " + folder, e);
      }
    }
    files.sort(Comparator.comparing((Path p) -> p.getFileName().toString())
        .thenComparing(Path::toString));
    List<Loaded> out = new ArrayList<>();
    for (Path file : files) {
      BufferedImage image;
      try {
        image = ImageIO.read(file.toFile());
      } catch (IOException | RuntimeException e) {
        // skimage ships a deliberately broken truncated.jpg; ImageIO throws on it. Skip, don't fail.
        continue;
      }
      if (image == null || image.getWidth() < PATCH || image.getHeight() < PATCH) {
        continue;
      }
      int w = image.getWidth();
      int h = image.getHeight();
      int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
      if (isGray(argb)) {
        continue;
      }
      String scene = sceneKey(file.getFileName().toString());
      out.add(new Loaded(new Photo(file, scene, w, h, Split.TRAIN), argb));
    }
    return out;
  }

  private static boolean isImageName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  private static boolean isGray(int[] argb) {
    for (int p : argb) {
      int r = (p >> 16) & 0xff;
      if (r != ((p >> 8) & 0xff) || r != (p & 0xff)) {
        return false;
      }
    }
    return true;
  }
}
