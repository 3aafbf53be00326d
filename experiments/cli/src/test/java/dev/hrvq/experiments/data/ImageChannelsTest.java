package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The channel rule and 8-bit conversions of image folders. */
class ImageChannelsTest {
  @Test
  void channelsAreConfiguredOrDecidedByTheImages() {
    assertThat(ImageChannels.choose(null, true)).isEqualTo(1);
    assertThat(ImageChannels.choose(null, false)).isEqualTo(3);
    assertThat(ImageChannels.choose(3, true)).isEqualTo(3);
    assertThat(ImageChannels.choose(1, false)).isEqualTo(1);
  }

  @Test
  void rgbBecomesGrayByRec601Luma() {
    byte[] rgb = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, (byte) 200, 100, 50};
    byte[] gray = ImageChannels.convert(rgb, 3, 1);
    // 0.299 * 255 = 76.2 -> 76; 0.587 * 255 = 149.7 -> 150; 0.114 * 255 = 29.1 -> 29;
    // 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 59.8 + 58.7 + 5.7 = 124.2 -> 124.
    assertThat(gray).containsExactly(76, (byte) 150, 29, 124);
  }

  @Test
  void grayBecomesRgbByCopying() {
    assertThat(ImageChannels.convert(new byte[] {7, (byte) 200}, 1, 3)).containsExactly(7, 7, 7, (byte) 200, (byte) 200, (byte) 200);
  }

  @Test
  void valuesRoundToEightBits() {
    // 0.5 * 255 = 127.5 rounds up; out-of-range values clamp.
    assertThat(ImageChannels.toBytes(new float[] {0f, 0.5f, 1f, 1.2f, -0.1f, 100f / 255}))
        .containsExactly(0, (byte) 128, (byte) 255, (byte) 255, 0, 100);
  }
}
