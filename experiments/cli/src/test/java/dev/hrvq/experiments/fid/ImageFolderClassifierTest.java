package dev.hrvq.experiments.fid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.experiments.data.DataLocations;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.ImageFolderOptions;
import dev.hrvq.experiments.data.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LeNet of a labelled image folder: trained on its classes and cached per folder content. */
class ImageFolderClassifierTest {
  @TempDir Path tmp;

  @Test
  void aLabelledFolderGetsItsOwnCachedClassifier() {
    Path images = tmp.resolve("images");
    for (int i = 0; i < 4; i++) {
      TestImages.flatGray(images.resolve("train/a/" + i + ".png"), 16, 16, 20);
      TestImages.flatGray(images.resolve("train/b/" + i + ".png"), 16, 16, 220);
      TestImages.flatGray(images.resolve("train/c/" + i + ".png"), 16, 16, 120);
    }
    TestImages.flatGray(images.resolve("test/a/t.png"), 16, 16, 25);
    TestImages.flatGray(images.resolve("test/c/t.png"), 16, 16, 115);
    DataSets data = new DataSets(new DataLocations(tmp.resolve("data"), tmp.resolve("system")));
    ImageFolderOptions options = new ImageFolderOptions(images, 16, null, 0.1, 0, false, false);
    String key = data.images(options).key();
    ClassifierTraining training = new ClassifierTraining(3, 8, 1e-3f, 0);
    try (FeatureClassifier c = FeatureClassifier.forImages(data, options, training)) {
      assertThat(c.loaded()).isFalse();
      assertThat(c.record().classes()).isEqualTo(3);
      assertThat(c.folder()).isEqualTo(tmp.resolve("data/classifiers/images-" + key.substring(0, 16) + "-16"));
    }
    try (FeatureClassifier again = FeatureClassifier.forImages(data, options, training)) {
      assertThat(again.loaded()).isTrue();
    }
  }
}
