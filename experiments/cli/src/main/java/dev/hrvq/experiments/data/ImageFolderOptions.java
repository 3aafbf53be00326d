package dev.hrvq.experiments.data;

import java.nio.file.Path;

/**
 * How to read a folder of the user's images ({@code data.dataset images}): every field is part of
 * the cache key, so changing one decodes the folder again.
 *
 * @param folder the folder as configured ({@code data.path}); a relative path is resolved against
 *     the current working folder, as {@code output.dir} is
 * @param size side of the square images produced ({@code data.image_size})
 * @param channels 1 or 3, or null for "1 if every image is grayscale, else 3" ({@code data.channels})
 * @param testFraction share of the images held out for testing when the folder has no
 *     {@code train/} and {@code test/} subfolders ({@code data.test_fraction})
 * @param splitSeed seed of that split and of the order images are stored in ({@code data.split_seed})
 * @param skipUnreadable skip files no decoder can read instead of failing ({@code data.skip_unreadable})
 * @param upscale enlarge images whose shorter side is below {@code size} instead of failing
 *     ({@code data.upscale})
 */
public record ImageFolderOptions(
    Path folder, int size, Integer channels, double testFraction, long splitSeed, boolean skipUnreadable, boolean upscale) {

  /** The config has checked these already; this guards Java callers. */
  public ImageFolderOptions {
    if (folder == null || size < 1) {
      throw new IllegalArgumentException("an image folder needs a path and a size >= 1, got " + folder + ", " + size);
    }
    if (channels != null && channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1, 3 or null (decided by the images), got " + channels);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("the test fraction must be > 0 and < 1, got " + testFraction);
    }
  }

  /** The folder as an absolute path (relative paths against the current folder). */
  public Path absoluteFolder() {
    return folder.toAbsolutePath().normalize();
  }
}
