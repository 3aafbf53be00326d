package dev.hrvq.experiments.fid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.experiments.data.DataLocations;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureClassifierTest {
  private static final ClassifierTraining SHORT = new ClassifierTraining(200, 64, 2e-3f, 0);

  @Test
  void aSecondClassifierForTheSameDataSetLoadsInsteadOfTraining(@TempDir Path cache) {
    Dataset train = LeNetTest.TRAIN;
    Dataset test = LeNetTest.TEST;
    Dataset probe = test.head(20);
    double accuracy;
    float[] features;
    try (FeatureClassifier first = FeatureClassifier.open(cache, "synthetic", train, test, SHORT)) {
      assertThat(first.origin()).isEqualTo("trained");
      assertThat(first.loaded()).isFalse();
      assertThat(first.folder()).isEqualTo(cache.resolve("synthetic-16"));
      assertThat(first.folder().resolve("classifier.json")).exists();
      assertThat(first.record().training()).isEqualTo(SHORT);
      accuracy = first.testAccuracy();
      features = first.features(probe.images(), probe.n());
      assertThat(features).hasSize(20 * 84);
      // Scaled by the fixed RMS of the raw test-split features: mean square 1 over the test split.
      float[] all = first.features(test.images(), test.n());
      double sumSq = 0;
      for (float v : all) {
        sumSq += v * v;
      }
      assertThat(sumSq / all.length).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
      assertThat(first.record().featureScale()).isPositive();
      System.out.println(first.describe());
    }
    try (FeatureClassifier second = FeatureClassifier.open(cache, "synthetic", train, test, SHORT)) {
      assertThat(second.origin()).isEqualTo("loaded");
      assertThat(second.testAccuracy()).isEqualTo(accuracy);
      assertThat(second.lenet().steps()).isEqualTo(200);
      assertThat(second.features(probe.images(), probe.n())).containsExactly(features);
      assertThat(second.lenet().accuracy(test)).isEqualTo(accuracy);
      System.out.println(second.describe());
    }
  }

  @Test
  void forDatasetCachesUnderTheDataRoot(@TempDir Path root) {
    DataSets data = new DataSets(new DataLocations(root, root.resolve("system")));
    try (FeatureClassifier c = FeatureClassifier.forDataset(data, "synthetic", 16, new ClassifierTraining(3, 16, 1e-3f, 0))) {
      assertThat(c.folder()).isEqualTo(root.resolve("classifiers/synthetic-16"));
      assertThat(c.record().channels()).isEqualTo(3);
      assertThat(c.record().classes()).isEqualTo(4);
    }
  }

  @Test
  void otherTrainingSettingsRetrain(@TempDir Path cache) throws Exception {
    Dataset train = LeNetTest.TRAIN.head(256);
    Dataset test = LeNetTest.TEST.head(64);
    try (FeatureClassifier a = FeatureClassifier.open(cache, "synthetic", train, test, new ClassifierTraining(5, 32, 1e-3f, 0))) {
      assertThat(a.origin()).isEqualTo("trained");
    }
    try (FeatureClassifier b = FeatureClassifier.open(cache, "synthetic", train, test, new ClassifierTraining(6, 32, 1e-3f, 0))) {
      assertThat(b.origin()).isEqualTo("trained");
      assertThat(b.lenet().steps()).isEqualTo(6);
    }
    // A corrupt record is not trusted: retrain.
    Files.writeString(cache.resolve("synthetic-16/classifier.json"), "{");
    try (FeatureClassifier c = FeatureClassifier.open(cache, "synthetic", train, test, new ClassifierTraining(6, 32, 1e-3f, 0))) {
      assertThat(c.origin()).isEqualTo("trained");
    }
  }

  @Test
  void distancesBetweenImageSetsAreLabelled(@TempDir Path cache) {
    Dataset train = LeNetTest.TRAIN.head(256);
    Dataset test = LeNetTest.TEST.head(128);
    try (FeatureClassifier c = FeatureClassifier.open(cache, "synthetic", train, test, new ClassifierTraining(20, 32, 1e-3f, 0))) {
      FeatureDistances same = c.distances(test.images(), test.n(), test.images(), test.n(), 0);
      assertThat(same.fid()).isLessThan(1e-6);
      FeatureDistances blank = c.distances(test.images(), test.n(), new float[test.images().length], test.n(), 0);
      assertThat(blank.fid()).isGreaterThan(same.fid());
      assertThat(blank.describe()).startsWith("FID (LeNet features) ").contains("KID (LeNet features) ");
    }
  }
}
