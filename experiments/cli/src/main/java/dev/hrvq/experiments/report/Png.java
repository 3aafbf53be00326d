package dev.hrvq.experiments.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writes PNG files atomically, and keeps AWT headless. */
final class Png {

  static {
    ensureHeadless();
  }

  private Png() {}

  /**
   * Sets {@code java.awt.headless=true} unless the caller chose otherwise. Training hosts and CI
   * have no display; AWT reads the property once, so this must run before the first drawing.
   */
  static void ensureHeadless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /**
   * Writes {@code image} to {@code target} through a temporary file in the same folder and a
   * rename, so a reader (a report page, a watcher) never sees half a PNG, and a crash mid-write
   * leaves the previous file in place.
   */
  static Path write(BufferedImage image, Path target) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
      if (!ImageIO.write(image, "png", tmp.toFile())) {
        throw new IllegalStateException("no PNG writer for image type " + image.getType());
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Same folder, so this only happens on odd file systems; a plain replace is the best left.
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write PNG " + target, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The write already failed; that error is the one worth reporting.
        }
      }
    }
  }
}
