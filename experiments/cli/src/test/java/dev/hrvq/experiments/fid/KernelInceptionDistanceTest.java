package dev.hrvq.experiments.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** KID near zero for two samples of one distribution, clearly positive for shifted ones. */
class KernelInceptionDistanceTest {
  private static final int D = 84;
  private static final int N = 2000;

  @Test
  void twoSamplesOfOneDistributionGiveKidNearZero() {
    var kid = KernelInceptionDistance.between(sample(N, 0, 1), N, sample(N, 0, 2), N, D, 0);
    System.out.println("KID same distribution: " + kid);
    // Unbiased MMD^2 over 10 subsets of 1000 of 2000 standard-normal 84-d vectors each: |mean| below 0.01.
    assertThat(Math.abs(kid.mean())).isLessThan(0.01);
    assertThat(kid.subsets()).isEqualTo(10);
    assertThat(kid.subsetSize()).isEqualTo(1000);
    assertThat(kid.std()).isPositive().isLessThan(0.01);
  }

  @Test
  void shiftedSamplesGiveKidClearlyAboveZero() {
    var same = KernelInceptionDistance.between(sample(N, 0, 1), N, sample(N, 0, 2), N, D, 0);
    var shifted = KernelInceptionDistance.between(sample(N, 0, 1), N, sample(N, 0.5, 3), N, D, 0);
    System.out.println("KID shifted by 0.5 per dimension: " + shifted);
    // Each coordinate shifted by 0.5 (by 1/2 standard deviation): MMD^2 above 0.5, far beyond the noise.
    assertThat(shifted.mean()).isGreaterThan(0.5);
    assertThat(shifted.mean()).isGreaterThan(20 * (Math.abs(same.mean()) + same.std()));
  }

  @Test
  void kidOfASetWithItselfIsSmallAndFewerVectorsShrinkTheSubsets() {
    float[] x = sample(300, 0, 4);
    var kid = KernelInceptionDistance.between(x, 300, sample(200, 0, 5), 200, D, 3, 1000, 9);
    assertThat(kid.subsetSize()).isEqualTo(200);
    assertThat(kid.subsets()).isEqualTo(3);
    // Same seed, same subsets: deterministic.
    var again = KernelInceptionDistance.between(x, 300, sample(200, 0, 5), 200, D, 3, 1000, 9);
    assertThat(again.mean()).isEqualTo(kid.mean());
  }

  @Test
  void mmdOfTwoTinySetsEqualsTheDefinition() {
    float[] x = {1, 0, 0, 2, 1, 1};
    float[] y = {0, 1, 2, 2};
    int d = 2;
    var kid = KernelInceptionDistance.between(x, 3, y, 2, d, 1, 2, 0);
    // m = 2: whichever rows were drawn, the estimate is a mean of kernel values over these formulae.
    assertThat(kid.subsetSize()).isEqualTo(2);
    // With all of y (2 rows) and 2 of x's 3 rows, check against every possible pair of x rows.
    boolean matched = false;
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        if (a == b) {
          continue;
        }
        double xx = 2 * k(x, a, x, b, d) / 2;
        double yy = 2 * k(y, 0, y, 1, d) / 2;
        double xy = 0;
        for (int i : new int[] {a, b}) {
          for (int j = 0; j < 2; j++) {
            xy += k(x, i, y, j, d);
          }
        }
        double mmd = xx + yy - 2 * xy / 4;
        matched |= Math.abs(mmd - kid.mean()) < 1e-12;
      }
    }
    assertThat(matched).isTrue();
    assertThat(kid.std()).isCloseTo(0, within(0.0));
  }

  private static double k(float[] x, int i, float[] y, int j, int d) {
    double dot = 0;
    for (int c = 0; c < d; c++) {
      dot += x[i * d + c] * y[j * d + c];
    }
    return Math.pow(dot / d + 1, 3);
  }

  private static float[] sample(int n, double shift, long seed) {
    Random r = new Random(seed);
    float[] out = new float[n * D];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (shift + r.nextGaussian());
    }
    return out;
  }
}
