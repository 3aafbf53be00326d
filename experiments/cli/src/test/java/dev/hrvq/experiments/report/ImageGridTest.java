package dev.hrvq.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

  private static final int G = ImageGrid.GAP;

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** n images of h x w x c, every value distinct and in (0, 1). */
  private static float[] ramp(int n, int h, int w, int c, float offset) {
    float[] v = new float[n * h * w * c];
    for (int i = 0; i < v.length; i++) {
      v[i] = (offset + i * 0.37f) % 1f;
    }
    return v;
  }

  private static int[] rgbAt(BufferedImage img, int x, int y) {
    int p = img.getRGB(x, y);
    return new int[] {p >> 16 & 0xff, p >> 8 & 0xff, p & 0xff};
  }

  private static int expected(float v) {
    return Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
  }

  @Test
  void labelledGrayscaleGridHasComputedSizeAndExactPixels() throws IOException {
    int rows = 3;
    int n = 4;
    int h = 5;
    int w = 7;
    int scale = 3;
    int margin = 90;
    float[][] data = {ramp(n, h, w, 1, 0.1f), ramp(n, h, w, 1, 0.5f), ramp(n, h, w, 1, 0.9f)};
    Path png = ImageGrid.builder(h, w, 1).scale(scale).labelWidth(margin)
        .row("original", data[0], n)
        .row("all layers", data[1], n)
        .row("layer 3", data[2], n)
        .write(dir.resolve("grid.png"));

    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(margin + G + n * (w * scale + G));
    assertThat(img.getHeight()).isEqualTo(G + rows * (h * scale + G));

    // Every pixel of every image, at every upscaled position.
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < n; k++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int v = expected(data[r][(k * h + y) * w + x]);
            int left = margin + G + k * (w * scale + G) + x * scale;
            int top = G + r * (h * scale + G) + y * scale;
            for (int d = 0; d < scale * scale; d++) {
              assertThat(rgbAt(img, left + d % scale, top + d / scale))
                  .as("row %d image %d pixel (%d,%d)", r, k, y, x)
                  .containsExactly(v, v, v);
            }
          }
        }
      }
    }
    // The gap just right of image 0 in row 0 is background.
    assertThat(rgbAt(img, margin + G + w * scale, G)).containsExactly(255, 255, 255);
    // The label margin holds some dark text pixels.
    assertThat(darkPixels(img, 0, 0, margin, img.getHeight())).isPositive();
  }

  @Test
  void rgbChannelsLandInTheirOwnColour() throws IOException {
    int n = 3;
    int h = 4;
    int w = 4;
    float[] images = ramp(n, h, w, 3, 0.2f);
    ImageGrid grid = ImageGrid.builder(h, w, 3).scale(2).row(images, n).build();
    assertThat(grid.labelWidth()).isZero();
    BufferedImage img = ImageIO.read(grid.write(dir.resolve("rgb.png")).toFile());
    assertThat(img.getWidth()).isEqualTo(G + n * (w * 2 + G));
    assertThat(img.getHeight()).isEqualTo(G + h * 2 + G);

    int k = 2;
    int y = 3;
    int x = 1;
    int p = ((k * h + y) * w + x) * 3;
    assertThat(rgbAt(img, grid.imageX(k) + x * 2 + 1, grid.imageY(0) + y * 2 + 1))
        .containsExactly(expected(images[p]), expected(images[p + 1]), expected(images[p + 2]));
  }

  @Test
  void valuesOutsideTheUnitIntervalAreClamped() throws IOException {
    float[] images = {-0.5f, 1.7f, 0.5f, Float.NaN};
    ImageGrid grid = ImageGrid.builder(2, 2, 1).row(images, 1).build();
    BufferedImage img = ImageIO.read(grid.write(dir.resolve("clamp.png")).toFile());
    int x0 = grid.imageX(0);
    int y0 = grid.imageY(0);
    assertThat(rgbAt(img, x0, y0)).containsExactly(0, 0, 0);
    assertThat(rgbAt(img, x0 + 1, y0)).containsExactly(255, 255, 255);
    assertThat(rgbAt(img, x0, y0 + 1)).containsExactly(128, 128, 128);
    assertThat(rgbAt(img, x0 + 1, y0 + 1)).as("NaN").containsExactly(0, 0, 0);
  }

  @Test
  void automaticLabelMarginFitsTheLabels() {
    float[] images = ramp(2, 3, 3, 1, 0f);
    ImageGrid plain = ImageGrid.builder(3, 3, 1).row(images, 2).build();
    ImageGrid shortLabel = ImageGrid.builder(3, 3, 1).row("a", images, 2).build();
    ImageGrid longLabel = ImageGrid.builder(3, 3, 1).row("layers 2..3", images, 2).build();
    assertThat(plain.labelWidth()).isZero();
    assertThat(shortLabel.labelWidth()).isPositive();
    assertThat(longLabel.labelWidth()).isGreaterThan(shortLabel.labelWidth());
    assertThat(longLabel.width()).isEqualTo(plain.width() + longLabel.labelWidth());
  }

  @Test
  void tileWrapsIntoColumnsAndLeavesTheLastRowOpen() throws IOException {
    int n = 10;
    int h = 3;
    int w = 2;
    int columns = 4;
    float[] images = ramp(n, h, w, 1, 0.3f);
    Path png = ImageGrid.tile(images, n, h, w, 1, columns, 2, dir.resolve("tile.png"));
    BufferedImage img = ImageIO.read(png.toFile());
    int cw = w * 2 + G;
    int ch = h * 2 + G;
    assertThat(img.getWidth()).isEqualTo(G + columns * cw);
    assertThat(img.getHeight()).isEqualTo(G + 3 * ch);
    // Image 9 is row 2, column 1; its pixel (2, 1).
    int v = expected(images[(9 * h + 2) * w + 1]);
    assertThat(rgbAt(img, G + cw + 1 * 2, G + 2 * ch + 2 * 2)).containsExactly(v, v, v);
    // Column 2 of the last row is empty.
    assertThat(rgbAt(img, G + 2 * cw, G + 2 * ch)).containsExactly(255, 255, 255);
  }

  @Test
  void mismatchedRowsAreClearErrors() {
    float[] four = ramp(4, 2, 2, 1, 0f);
    assertThatThrownBy(() -> ImageGrid.builder(2, 2, 1).row("original", four, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 'original'").hasMessageContaining("16 values")
        .hasMessageContaining("3 images of 2x2x1 need 12");
    assertThatThrownBy(() -> ImageGrid.builder(2, 2, 1).row("original", four, 4)
            .row("layer 1", ramp(3, 2, 2, 1, 0f), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 'layer 1' has 3 images but the first row has 4");
    assertThatThrownBy(() -> ImageGrid.builder(2, 2, 2))
        .hasMessageContaining("channels must be 1 (grayscale) or 3 (RGB)");
    assertThatThrownBy(() -> ImageGrid.builder(2, 2, 1).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no rows");
    assertThatThrownBy(() -> ImageGrid.tile(four, 5, 2, 2, 1, 2, 1, dir.resolve("x.png")))
        .hasMessageContaining("5 images of 2x2x1 need 20");
  }

  @Test
  void writeReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
    Path png = dir.resolve("sub/again.png");
    ImageGrid.tile(ramp(2, 2, 2, 1, 0f), 2, 2, 2, 1, 2, 1, png);
    ImageGrid.tile(ramp(4, 2, 2, 1, 0f), 4, 2, 2, 1, 4, 1, png);
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(G + 4 * (2 + G));
    try (var files = Files.list(png.getParent())) {
      assertThat(files).containsExactly(png);
    }
  }

  static int darkPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
    int dark = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if ((img.getRGB(x, y) & 0xff) < 128) {
          dark++;
        }
      }
    }
    return dark;
  }
}
