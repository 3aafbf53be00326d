package dev.hrvq.experiments.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A folder of the user's images as train and test data sets ({@code data.dataset images}),
 * decoded once and cached.
 *
 * <p>Layout, splits and labels: {@link ImageFolderScan}. Each image is decoded by ImageIO
 * ({@link DecodedPicture}), resized and centre-cropped to {@code size x size} by area averaging
 * ({@link SquareResize}), rounded to 8 bits per channel, and given the folder's channel count
 * ({@link ImageChannels}). Pixels reach the model as {@code byte / 255}.
 *
 * <p>The cache file is {@code <cacheDir>/<key>.bin} ({@link ImageCache}), where the key is the
 * SHA-256 of the decode settings (every field of {@link ImageFolderOptions} but the folder's
 * location) and of every image's relative path, split, label and bytes: a changed, added or
 * removed file or setting gives a new key, while moving the folder keeps it. Computing the key
 * reads the files but decodes nothing. A damaged cache file is reported and rebuilt.
 */
public final class ImageFolder {
  /** Bumped when decoding changes, so old cache files are not reused. */
  private static final String FORMAT = "hrvq-image-folder-1";

  private final Path cacheDir;
  private final PrintStream out;
  private int decoded;

  /** Caches under {@code cacheDir}; messages (decoding, skipped files, a rebuilt cache) go to {@code out}. */
  public ImageFolder(Path cacheDir, PrintStream out) {
    this.cacheDir = cacheDir;
    this.out = out;
  }

  /** The train and test images of a folder, and what they were made from. */
  public record Splits(Dataset train, Dataset test, List<String> classes, String key, Path cacheFile) {
    /** True when the images have class labels (class subfolders). */
    public boolean labelled() {
      return !classes.isEmpty();
    }
  }

  /** How many files the last {@link #load} decoded (0 when it read the cache). */
  public int decodedLastLoad() {
    return decoded;
  }

  /** Both splits of the folder {@code options} describe, from the cache when it has them. */
  public Splits load(ImageFolderOptions options) {
    return load(options, scan -> { });
  }

  /**
   * As {@link #load(ImageFolderOptions)}, calling {@code beforeLoading} with the file listing
   * before anything is read or decoded (where a caller checks that the splits will fit).
   */
  public Splits load(ImageFolderOptions options, java.util.function.Consumer<ImageFolderScan> beforeLoading) {
    ImageFolderScan scan = ImageFolderScan.of(options);
    beforeLoading.accept(scan);
    String key = key(scan, options);
    Path file = cacheDir.resolve(key + ".bin");
    decoded = 0;
    ImageCache.Contents contents = null;
    if (Files.exists(file)) {
      try {
        contents = ImageCache.read(file, key);
      } catch (ImageCache.Damaged e) {
        out.println("image cache " + file + " is damaged (" + e.getMessage() + "); decoding the images again");
      } catch (IOException e) {
        out.println("cannot read the image cache " + file + " (" + e.getMessage() + "); decoding the images again");
      }
    }
    if (contents == null) {
      long start = System.nanoTime();
      contents = decode(scan, options, key);
      try {
        ImageCache.write(file, contents);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the image cache " + file + " (set HRVQ_DATA to a writable folder)", e);
      }
      out.printf(Locale.ROOT, "decoded %d images from %s in %.1f s%s; cached in %s%n", decoded, scan.root(),
          (System.nanoTime() - start) / 1e9, contents.skipped() > 0 ? " (" + contents.skipped() + " unreadable skipped)" : "", file);
    }
    return new Splits(dataset(contents.train(), contents.trainLabels(), contents), dataset(contents.test(), contents.testLabels(), contents),
        contents.classes(), key, file);
  }

  private static Dataset dataset(byte[] pixels, int[] labels, ImageCache.Contents c) {
    float[] values = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      values[i] = (pixels[i] & 0xff) / 255f;
    }
    return new Dataset("images", values, pixels.length / c.perImage(), c.size(), c.size(), c.channels(), labels);
  }

  /** One decoded image at the target size in its own channel count. */
  private record Picture(byte[] pixels, int channels, int label) {}

  private ImageCache.Contents decode(ImageFolderScan scan, ImageFolderOptions options, String key) {
    List<List<Picture>> parts = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    boolean allGray = true;
    for (Split split : Split.values()) {
      List<Picture> pictures = new ArrayList<>();
      for (ImageFolderScan.Entry e : scan.entries(split)) {
        BufferedImage image = read(e.file(), options.skipUnreadable());
        if (image == null) {
          skipped.add(e.relative());
          continue;
        }
        decoded++;
        int shorter = Math.min(image.getWidth(), image.getHeight());
        if (shorter < options.size() && !options.upscale()) {
          throw new IllegalArgumentException(e.file() + ": " + image.getWidth() + "x" + image.getHeight() + " is smaller than data.image_size "
              + options.size() + " on its shorter side; remove it, lower data.image_size, or set data.upscale true to enlarge small images");
        }
        DecodedPicture picture = new DecodedPicture(image);
        allGray &= picture.channels() == 1;
        pictures.add(new Picture(ImageChannels.toBytes(SquareResize.apply(picture, options.size())), picture.channels(), e.label()));
      }
      if (pictures.isEmpty()) {
        throw new IllegalArgumentException(scan.root() + ": no readable images left in the " + split.label() + " split after skipping "
            + skipped.size() + " unreadable file(s)");
      }
      parts.add(pictures);
    }
    if (!skipped.isEmpty()) {
      out.println("skipped " + skipped.size() + " unreadable file(s) in " + scan.root() + " (data.skip_unreadable): "
          + String.join(", ", skipped.subList(0, Math.min(10, skipped.size()))) + (skipped.size() > 10 ? ", ..." : ""));
    }
    int channels = ImageChannels.choose(options.channels(), allGray);
    return new ImageCache.Contents(key, options.size(), channels, scan.classes(), skipped.size(),
        pixels(parts.get(0), channels), labels(parts.get(0), scan), pixels(parts.get(1), channels), labels(parts.get(1), scan));
  }

  private static byte[] pixels(List<Picture> pictures, int channels) {
    int per = pictures.get(0).pixels().length / pictures.get(0).channels() * channels;
    byte[] out = new byte[Math.multiplyExact(pictures.size(), per)];
    for (int i = 0; i < pictures.size(); i++) {
      Picture p = pictures.get(i);
      System.arraycopy(ImageChannels.convert(p.pixels(), p.channels(), channels), 0, out, i * per, per);
    }
    return out;
  }

  private static int[] labels(List<Picture> pictures, ImageFolderScan scan) {
    return scan.labelled() ? pictures.stream().mapToInt(Picture::label).toArray() : new int[0];
  }

  /** The decoded image, or null when it is unreadable and {@code skip} is set; else an error naming it. */
  private static BufferedImage read(Path file, boolean skip) {
    String problem;
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image != null) {
        return image;
      }
      problem = "no PNG, JPEG or BMP decoder accepts it";
    } catch (IOException | RuntimeException e) {
      problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    if (skip) {
      return null;
    }
    throw new IllegalArgumentException(file + ": cannot decode this image (" + problem
        + "); fix or remove the file, or set data.skip_unreadable true to skip unreadable files");
  }

  /** The cache key: SHA-256 hex of the settings and of each file's relative path, split, label and bytes. */
  static String key(ImageFolderScan scan, ImageFolderOptions o) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(sha, FORMAT + "\nsize " + o.size() + "\nchannels " + o.channels() + "\ntest_fraction " + o.testFraction() + "\nsplit_seed "
        + o.splitSeed() + "\nskip_unreadable " + o.skipUnreadable() + "\nupscale " + o.upscale() + "\nclasses " + scan.classes() + "\n");
    byte[] buffer = new byte[1 << 16];
    for (Split split : Split.values()) {
      for (ImageFolderScan.Entry e : scan.entries(split)) {
        try {
          update(sha, split.label() + " " + e.label() + " " + e.relative() + " " + Files.size(e.file()) + "\n");
          try (InputStream in = Files.newInputStream(e.file())) {
            for (int r; (r = in.read(buffer)) > 0; ) {
              sha.update(buffer, 0, r);
            }
          }
        } catch (IOException ex) {
          throw new IllegalArgumentException(e.file() + ": cannot read (" + ex.getMessage() + "); check its permissions", ex);
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, String text) {
    sha.update(text.getBytes(StandardCharsets.UTF_8));
  }
}
