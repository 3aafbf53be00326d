package dev.hrvq.experiments.fid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureDistancesTest {
  @Test
  void describeLabelsBothNumbersAsLeNetFeatures() {
    String text = new FeatureDistances(3.25, 0.0012, 0.0003, 10000, 5000).describe();
    assertThat(text).isEqualTo("FID (LeNet features) 3.2500, KID (LeNet features) 0.00120 ± 0.00030 (n = 10000 vs 5000)");
  }

  @Test
  void betweenComputesBoth() {
    float[] a = new float[40 * 3];
    float[] b = new float[40 * 3];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i * 37 % 11) / 11f;
      b[i] = a[i] + 1;
    }
    FeatureDistances dist = FeatureDistances.between(a, 40, b, 40, 3, 0);
    assertThat(dist.fid()).isCloseTo(3.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(dist.kid()).isPositive();
    assertThat(dist.n1()).isEqualTo(40);
  }
}
