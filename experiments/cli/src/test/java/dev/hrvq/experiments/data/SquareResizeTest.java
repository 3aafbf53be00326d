package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Resize-and-crop by area averaging, against pixel values computed by hand. */
class SquareResizeTest {
  /** A picture held in an array: {@code values[y][x * channels + ch]}. */
  record ArrayPixels(float[][] values, int channels) implements SquareResize.Pixels {
    @Override
    public int width() {
      return values[0].length / channels;
    }

    @Override
    public int height() {
      return values.length;
    }

    @Override
    public void row(int y, float[] out) {
      System.arraycopy(values[y], 0, out, 0, values[y].length);
    }
  }

  /** A gray picture whose pixel (x, y) is {@code 10 y + x}, so every value says where it came from. */
  private static ArrayPixels numbered(int w, int h) {
    float[][] v = new float[h][w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        v[y][x] = 10 * y + x;
      }
    }
    return new ArrayPixels(v, 1);
  }

  @Test
  void halvingIsTheMeanOfEachTwoByTwoBlock() {
    float[] out = SquareResize.apply(numbered(4, 4), 2);
    // Block (0,0): 0, 1, 10, 11 -> 5.5; block (0,1): 2, 3, 12, 13 -> 7.5; row 1 adds 20.
    assertThat(out).containsExactly(new float[] {5.5f, 7.5f, 25.5f, 27.5f}, within(1e-5f));
  }

  @Test
  void theLongerSideIsCroppedAroundTheCentre() {
    // 6 wide, 4 high: the kept square is x in [1, 5).
    float[] out = SquareResize.apply(numbered(6, 4), 2);
    // Block x 1..2, y 0..1: 1, 2, 11, 12 -> 6.5.
    assertThat(out).containsExactly(new float[] {6.5f, 8.5f, 26.5f, 28.5f}, within(1e-5f));
    // 2 wide, 6 high: y in [2, 4) kept, as one output row pair.
    float[] tall = SquareResize.apply(numbered(2, 6), 2);
    assertThat(tall).containsExactly(new float[] {20, 21, 30, 31}, within(1e-5f));
  }

  @Test
  void anOddMarginCropsHalfPixels() {
    // 5 wide, 4 high: the square is x in [0.5, 4.5); output column 0 covers [0.5, 2.5):
    // half of pixel 0, all of pixel 1, half of pixel 2, over a width of 2.
    float[] out = SquareResize.apply(numbered(5, 4), 2);
    float row0 = (0.5f * 0 + 1 + 0.5f * 2) / 2; // y = 0
    float row1 = (0.5f * 10 + 11 + 0.5f * 12) / 2; // y = 1
    assertThat(out[0]).isCloseTo((row0 + row1) / 2, within(1e-5f));
    // Column 1 covers [2.5, 4.5): half of 2, all of 3, half of 4 -> 3, 13 -> 8.
    assertThat(out[1]).isCloseTo(8f, within(1e-5f));
  }

  @Test
  void aNonWholeFactorWeighsPartlyCoveredPixels() {
    // 3x3 to 2x2: output (0, 0) covers [0, 1.5)^2: pixel (0,0) fully, (1,0) and (0,1) half, (1,1) a quarter.
    float[] out = SquareResize.apply(numbered(3, 3), 2);
    float expected = (0 * 1f + 1 * 0.5f + 10 * 0.5f + 11 * 0.25f) / 2.25f;
    assertThat(out[0]).isCloseTo(expected, within(1e-5f));
    // Output (1, 1) covers [1.5, 3)^2: (1,1) a quarter, (2,1) and (1,2) half, (2,2) fully.
    float last = (11 * 0.25f + 12 * 0.5f + 21 * 0.5f + 22 * 1f) / 2.25f;
    assertThat(out[3]).isCloseTo(last, within(1e-5f));
  }

  @Test
  void enlargingByAWholeFactorCopiesEachPixel() {
    float[] out = SquareResize.apply(numbered(2, 2), 4);
    assertThat(out).containsExactly(new float[] {
        0, 0, 1, 1,
        0, 0, 1, 1,
        10, 10, 11, 11,
        10, 10, 11, 11}, within(1e-5f));
  }

  @Test
  void theSameSizeIsUnchangedAndChannelsStayApart() {
    float[][] rgb = {{0.1f, 0.2f, 0.3f, 0.5f, 0.6f, 0.7f}, {0.9f, 0.8f, 0.7f, 0.3f, 0.2f, 0.1f}};
    ArrayPixels p = new ArrayPixels(rgb, 3);
    assertThat(SquareResize.apply(p, 2)).containsExactly(new float[] {0.1f, 0.2f, 0.3f, 0.5f, 0.6f, 0.7f, 0.9f, 0.8f, 0.7f, 0.3f, 0.2f, 0.1f},
        within(1e-6f));
    // To one pixel: each channel's mean.
    assertThat(SquareResize.apply(p, 1)).containsExactly(new float[] {0.45f, 0.45f, 0.45f}, within(1e-6f));
  }
}
