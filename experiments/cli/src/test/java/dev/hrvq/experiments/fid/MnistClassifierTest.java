package dev.hrvq.experiments.fid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.RealMnist;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard feature classifier on real MNIST (padded to 32x32): above 97% test accuracy. Only with
 * {@code -Preal-data}, as it trains for about a minute on real data (installed when missing). Trains into
 * a temporary cache, never the user's.
 */
class MnistClassifierTest {
  @Test
  @Tag("real-data")
  void standardTrainingReaches97PercentOnMnist(@TempDir Path cache) {
    DataSets data = RealMnist.dataSets();
    var train = data.load("mnist", "train").pad(32);
    var test = data.load("mnist", "test").pad(32);
    long start = System.nanoTime();
    try (FeatureClassifier c = FeatureClassifier.open(cache, "mnist", train, test, ClassifierTraining.standard())) {
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s; training %.1f s, total with evaluation %.1f s%n", c.describe(), c.record().trainSeconds(), seconds);
      assertThat(c.testAccuracy()).isGreaterThan(0.97);
      long t0 = System.nanoTime();
      float[] f = c.features(test.images(), test.n());
      System.out.printf("features of %d test images: %.1f s%n", test.n(), (System.nanoTime() - t0) / 1e9);
      // Even vs odd test images: one distribution (the halves of MNIST's test set come from different writers).
      float[] even = new float[5000 * 84];
      float[] odd = new float[5000 * 84];
      double sumSq = 0;
      for (int i = 0; i < 10000; i++) {
        System.arraycopy(f, i * 84, i % 2 == 0 ? even : odd, (i / 2) * 84, 84);
      }
      for (float v : f) {
        sumSq += v * v;
      }
      System.out.printf("mean squared feature %.3f%n", sumSq / f.length);
      long t1 = System.nanoTime();
      FeatureDistances d = FeatureDistances.between(even, 5000, odd, 5000, 84, 0);
      System.out.printf("test even vs odd: %s (%.1f s)%n", d.describe(), (System.nanoTime() - t1) / 1e9);
      float[] trainF = c.features(train.head(5000).images(), 5000);
      System.out.printf("train 5000 vs test even: %s%n", FeatureDistances.between(trainF, 5000, even, 5000, 84, 0).describe());
    }
  }
}
