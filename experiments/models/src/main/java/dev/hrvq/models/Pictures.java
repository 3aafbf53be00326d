package dev.hrvq.models;

import dev.hrvq.api.runtime.InputSpec;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** Pictures to model inputs and back: pixel values in [0, 1], grayscale (luma) or RGB by the model's channels. */
public final class Pictures {
  private final int size;
  private final int channels;

  Pictures(InputSpec images) {
    this.size = (int) images.shape().get(1);
    this.channels = (int) images.shape().get(3);
  }

  float[] toFloats(List<BufferedImage> pictures) {
    float[] out = new float[pictures.size() * size * size * channels];
    int at = 0;
    for (int i = 0; i < pictures.size(); i++) {
      BufferedImage p = pictures.get(i);
      if (p.getWidth() != size || p.getHeight() != size) {
        throw new IllegalArgumentException("picture " + i + " is " + p.getWidth() + "x" + p.getHeight() + "; the model takes "
            + size + "x" + size + " (resize or crop it first)");
      }
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int rgb = p.getRGB(x, y);
          float r = (rgb >> 16 & 0xff) / 255f;
          float g = (rgb >> 8 & 0xff) / 255f;
          float b = (rgb & 0xff) / 255f;
          if (channels == 1) {
            out[at++] = 0.299f * r + 0.587f * g + 0.114f * b;
          } else {
            out[at++] = r;
            out[at++] = g;
            out[at++] = b;
          }
        }
      }
    }
    return out;
  }

  List<BufferedImage> toImages(float[] pixels, int n) {
    List<BufferedImage> out = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < n; i++) {
      BufferedImage p = new BufferedImage(size, size, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          if (channels == 1) {
            int v = toByte(pixels[at++]);
            p.getRaster().setSample(x, y, 0, v);
          } else {
            int r = toByte(pixels[at++]);
            int g = toByte(pixels[at++]);
            int b = toByte(pixels[at++]);
            p.setRGB(x, y, r << 16 | g << 8 | b);
          }
        }
      }
      out.add(p);
    }
    return out;
  }

  /** A pixel value to 0..255: clamped to [0, 1], NaN as black (so one bad value never fails a whole picture). */
  public static int toByte(float v) {
    if (!(v > 0f)) {
      return 0;
    }
    if (v >= 1f) {
      return 255;
    }
    return Math.round(v * 255f);
  }
}
