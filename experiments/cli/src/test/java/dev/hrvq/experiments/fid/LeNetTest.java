package dev.hrvq.experiments.fid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.data.SyntheticImages;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

class LeNetTest {
  static final Dataset TRAIN = new SyntheticImages(2048, 16, 1, 1).generate("synthetic");
  static final Dataset TEST = new SyntheticImages(512, 16, 1, 2).generate("synthetic");

  /** Synthetic 16x16 shapes, label = shape count - 1 (4 classes, chance about 25%). */
  @Test
  void trainsAboveChanceOnSyntheticShapes() {
    ClassifierTraining training = new ClassifierTraining(400, 64, 2e-3f, 0);
    try (CompiledLeNet lenet = new CompiledLeNet(new LeNet(16, 1, 4), training)) {
      double before = lenet.accuracy(TEST);
      double loss = lenet.train(TRAIN, training);
      double after = lenet.accuracy(TEST);
      System.out.printf("LeNet on synthetic 16x16: test accuracy %.3f before, %.3f after 400 steps (final loss %.3f)%n", before, after, loss);
      assertThat(lenet.steps()).isEqualTo(400);
      // Chance is the largest class share, about 0.25; 400 steps reach well above it.
      assertThat(after).isGreaterThan(0.45);
      assertThat(loss).isLessThan(Math.log(4));
    }
  }

  @Test
  void featuresProgramReturnsNBy84() {
    LeNet net = new LeNet(16, 1, 4);
    try (Trainer trainer = Trainer.builder().setModel(net.model()).setOptimizer(Optimizers.adam(1e-3f)).build()) {
      CompiledFunction f = trainer.function("features", Map.of("x", net.imageSpec()), net.features(), false);
      CompiledFunction g = trainer.function("logits", Map.of("x", net.imageSpec()), net.logits(), false);
      try (TFloat32 x = Tensors.of(TRAIN.head(7).images(), 7, 16, 16, 1);
          Outputs features = f.call(Map.of("x", x));
          Outputs logits = g.call(Map.of("x", x))) {
        assertThat(features.shape("features")).isEqualTo(Shape.of(7, 84));
        assertThat(logits.shape("logits")).isEqualTo(Shape.of(7, 4));
        for (float v : features.floats("features")) {
          assertThat(v).isGreaterThanOrEqualTo(0f); // relu'd
        }
      }
    }
  }

  @Test
  void chunkedFeaturesEqualOneBatch() {
    ClassifierTraining training = new ClassifierTraining(1, 8, 1e-3f, 0);
    try (CompiledLeNet lenet = new CompiledLeNet(new LeNet(16, 1, 4), training)) {
      int n = CompiledLeNet.CHUNK + 37;
      Dataset images = TRAIN.head(n);
      float[] all = lenet.features(images.images(), n);
      assertThat(all).hasSize(n * LeNet.FEATURES);
      float[] tail = lenet.features(images.subset(new int[] {n - 1}).images(), 1);
      for (int j = 0; j < LeNet.FEATURES; j++) {
        assertThat(all[(n - 1) * LeNet.FEATURES + j]).isCloseTo(tail[j], org.assertj.core.api.Assertions.within(1e-5f));
      }
    }
  }

  @Test
  void oneHotPlacesOnes() {
    assertThat(new LeNet(16, 1, 3).oneHot(new int[] {2, 0})).containsExactly(0, 0, 1, 1, 0, 0);
  }
}
