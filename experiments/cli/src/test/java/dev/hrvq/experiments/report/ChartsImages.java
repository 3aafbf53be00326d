package dev.hrvq.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Reading charts back in tests. */
final class ChartsImages {
  private ChartsImages() {}

  static BufferedImage read(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).as("a PNG ImageIO can read").isNotNull();
    return img;
  }

  /** Distinct RGB values: a blank or single-colour image has 1. */
  static int colours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }

  /** Pixels within {@code tolerance} per channel of {@code rgb}. */
  static int pixelsNear(BufferedImage img, int rgb, int tolerance) {
    int count = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (Math.abs((p >> 16 & 0xff) - (rgb >> 16 & 0xff)) <= tolerance
            && Math.abs((p >> 8 & 0xff) - (rgb >> 8 & 0xff)) <= tolerance
            && Math.abs((p & 0xff) - (rgb & 0xff)) <= tolerance) {
          count++;
        }
      }
    }
    return count;
  }
}
