package dev.hrvq.experiments.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small image files for the image-folder tests: gray or RGB, in any ImageIO format. */
public final class TestImages {
  private TestImages() {}

  /** An 8-bit gray image of {@code rows[y][x]} values 0..255. */
  public static Path gray(Path file, int[][] rows) {
    BufferedImage image = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < rows[0].length; x++) {
        image.getRaster().setSample(x, y, 0, rows[y][x]);
      }
    }
    return write(file, image);
  }

  /** An RGB image of {@code pixels[y][x] = 0xRRGGBB}. */
  public static Path rgb(Path file, int[][] pixels) {
    BufferedImage image = new BufferedImage(pixels[0].length, pixels.length, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < pixels.length; y++) {
      for (int x = 0; x < pixels[0].length; x++) {
        image.setRGB(x, y, pixels[y][x]);
      }
    }
    return write(file, image);
  }

  /** A {@code w x h} gray image of one value. */
  public static Path flatGray(Path file, int w, int h, int value) {
    int[][] rows = new int[h][w];
    for (int[] row : rows) {
      java.util.Arrays.fill(row, value);
    }
    return gray(file, rows);
  }

  /** A {@code w x h} RGB image of one colour. */
  public static Path flatRgb(Path file, int w, int h, int rgb) {
    int[][] rows = new int[h][w];
    for (int[] row : rows) {
      java.util.Arrays.fill(row, rgb);
    }
    return rgb(file, rows);
  }

  private static Path write(Path file, BufferedImage image) {
    String name = file.getFileName().toString();
    String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT).replace("jpg", "jpeg");
    try {
      Files.createDirectories(file.getParent());
      if (!ImageIO.write(image, format, file.toFile())) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
