package dev.hrvq.experiments.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * A picture ImageIO decoded, read as values in [0, 1]: one channel when it is grayscale, else three
 * (sRGB). Transparency is ignored (colours are taken as stored).
 *
 * <p>Grayscale means a gray colour model (8- or 16-bit gray PNG, gray JPEG, with or without alpha;
 * values are the stored samples over their maximum, so no gamma conversion) or a palette whose
 * every entry is gray (1-bit and palette PNGs, 8-bit BMPs). An RGB file whose pixels happen to be
 * gray counts as colour. Colour pixels come from {@link BufferedImage#getRGB}: 8 bits per channel
 * in sRGB.
 */
final class DecodedPicture implements SquareResize.Pixels {
  private final BufferedImage image;
  private final boolean gray;
  private final int[] rgb;

  DecodedPicture(BufferedImage image) {
    this.image = image;
    this.gray = isGray(image);
    this.rgb = new int[image.getWidth()];
  }

  /** Whether {@code image} is grayscale by the rule above. */
  static boolean isGray(BufferedImage image) {
    if (image.getColorModel() instanceof IndexColorModel palette) {
      for (int i = 0; i < palette.getMapSize(); i++) {
        int r = palette.getRed(i);
        if (r != palette.getGreen(i) || r != palette.getBlue(i)) {
          return false;
        }
      }
      return true;
    }
    return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
  }

  @Override
  public int width() {
    return image.getWidth();
  }

  @Override
  public int height() {
    return image.getHeight();
  }

  @Override
  public int channels() {
    return gray ? 1 : 3;
  }

  @Override
  public void row(int y, float[] out) {
    int w = image.getWidth();
    if (gray && !(image.getColorModel() instanceof IndexColorModel)) {
      Raster raster = image.getRaster();
      double max = (1L << image.getColorModel().getComponentSize(0)) - 1;
      for (int x = 0; x < w; x++) {
        out[x] = (float) (raster.getSample(x, y, 0) / max);
      }
      return;
    }
    image.getRGB(0, y, w, 1, rgb, 0, w);
    for (int x = 0; x < w; x++) {
      int p = rgb[x];
      if (gray) {
        out[x] = (p & 0xff) / 255f;
      } else {
        out[3 * x] = ((p >> 16) & 0xff) / 255f;
        out[3 * x + 1] = ((p >> 8) & 0xff) / 255f;
        out[3 * x + 2] = (p & 0xff) / 255f;
      }
    }
  }
}
