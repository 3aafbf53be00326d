package dev.hrvq.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.quantize.EmaOptions;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Inference apart from training: a checkpoint folder alone rebuilds the model (no data, no
 * optimizer) and gives exactly the trained trainer's outputs; weights restore into a model built
 * with another optimizer; pictures in and out; the SavedModel matches.
 */
class InferenceTest {
  private static final int N = 5;
  private static final ModelSpec HR = new ModelSpec(ModelKind.HRVQVAE, new Architecture(16, 1, 8, 4, 2, 2), 3, 2, 0,
      0, 0.25f, new float[] {0.25f, 0.25f}, Search.TREE, new EmaOptions(0.9f, 1e-5f));

  @TempDir Path tmp;

  private static Trainer trained(ModelSpec spec, VqAutoencoder model, float polyak, boolean averaged) {
    Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(2e-3f)).optSeed(3).optPolyakDecay(polyak)
        .optModel(Inference.describe(spec, averaged)).build();
    for (int s = 0; s < 4; s++) {
      try (TFloat32 x = Tensors.of(SyntheticImages.rectangles(8, 16, s), 8, 16, 16, 1)) {
        t.step(Map.of("x", x));
      }
    }
    return t;
  }

  @Test
  void aCheckpointFolderAloneGivesTheTrainedModelsOutputs() {
    float[] images = SyntheticImages.rectangles(N, 16, 42);
    VqAutoencoder model = HR.build();
    float[] expected;
    Map<String, long[]> expectedCodes;
    Path checkpoint;
    try (Trainer t = trained(HR, model, 0, false)) {
      CompiledVq vq = new CompiledVq(t, model, false);
      expected = vq.reconstruct(images, N, Set.of(2));
      expectedCodes = vq.encode(images, N);
      checkpoint = t.save(tmp.resolve("checkpoints"));
    }
    for (Path opened : List.of(checkpoint, tmp)) {
      try (Inference inference = Inference.open(opened)) {
        assertThat(inference.checkpoint()).isEqualTo(checkpoint);
        assertThat(inference.step()).isEqualTo(4);
        assertThat(inference.spec().kind()).isEqualTo(ModelKind.HRVQVAE);
        assertThat(inference.reconstruct(images, N, Set.of(2))).containsExactly(expected);
        assertThat(inference.encode(images, N).get("codes")).containsExactly(expectedCodes.get("codes"));
      }
    }
  }

  @Test
  void theAveragesAreReadWhenTheRunEvaluatedWithThem() {
    float[] images = SyntheticImages.rectangles(N, 16, 7);
    VqAutoencoder model = HR.build();
    float[] averaged;
    float[] raw;
    Path checkpoint;
    try (Trainer t = trained(HR, model, 0.5f, true)) {
      averaged = new CompiledVq(t, model, true).reconstruct(images, N, model.allLayers());
      raw = new CompiledVq(t, model, false).reconstruct(images, N, model.allLayers());
      checkpoint = t.save(tmp);
    }
    assertThat(averaged).isNotEqualTo(raw);
    try (Inference inference = Inference.open(checkpoint)) {
      assertThat(inference.reconstruct(images, N, model.allLayers())).containsExactly(averaged);
    }
  }

  @Test
  void weightsRestoreIntoAModelBuiltWithAnotherOptimizer() {
    float[] images = SyntheticImages.rectangles(N, 16, 9);
    VqAutoencoder model = HR.build();
    float[] expected;
    Path checkpoint;
    try (Trainer t = trained(HR, model, 0, false)) {
      expected = new CompiledVq(t, model, false).reconstruct(images, N, model.allLayers());
      checkpoint = t.save(tmp);
    }
    try (Trainer sgd = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.sgd(0.01f)).build()) {
      assertThatThrownBy(() -> sgd.restore(checkpoint)).as("a full restore needs the same optimizer").hasMessageContaining("different model");
      sgd.restoreWeights(checkpoint, false);
      assertThat(new CompiledVq(sgd, model, false).reconstruct(images, N, model.allLayers())).containsExactly(expected);
      try (TFloat32 x = Tensors.of(images, N, 16, 16, 1)) {
        assertThat(sgd.step(Map.of("x", x)).get("loss")).isFinite();
      }
    }
  }

  @Test
  void aTrainerWithoutOptimizerRefusesToTrain() {
    try (Trainer t = Trainer.builder().setModel(HR.build().model()).build();
        TFloat32 x = Tensors.of(SyntheticImages.rectangles(1, 16, 1), 1, 16, 16, 1)) {
      assertThatThrownBy(() -> t.step(Map.of("x", x))).isInstanceOf(IllegalStateException.class).hasMessageContaining("setOptimizer");
    }
  }

  @Test
  void picturesGoInAndComeOutAsPictures() {
    VqAutoencoder model = HR.build();
    try (Trainer t = trained(HR, model, 0, false)) {
      t.save(tmp);
    }
    try (Inference inference = Inference.open(tmp.resolve("ckpt-00000004"))) {
      BufferedImage square = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
      square.setRGB(4, 4, 0xffffff);
      List<BufferedImage> out = inference.reconstruct(List.of(square, square), model.allLayers());
      assertThat(out).hasSize(2).allSatisfy(p -> assertThat(p.getWidth()).isEqualTo(16));
      assertThat(out.get(0).getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
      float[] asFloats = new float[16 * 16];
      asFloats[4 * 16 + 4] = 1f;
      float[] direct = inference.reconstruct(asFloats, 1, model.allLayers());
      assertThat(out.get(0).getRaster().getSample(7, 3, 0)).isEqualTo(Math.round(Math.max(0, Math.min(1, direct[3 * 16 + 7])) * 255));
      assertThatThrownBy(() -> inference.reconstruct(List.of(new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB)), model.allLayers()))
          .hasMessageContaining("20x16").hasMessageContaining("16x16");
    }
  }

  @Test
  void theSavedModelGivesTheSameReconstructions() {
    float[] images = SyntheticImages.rectangles(N, 16, 3);
    VqAutoencoder model = HR.build();
    try (Trainer t = trained(HR, model, 0, false)) {
      t.save(tmp.resolve("checkpoints"));
    }
    Path export = tmp.resolve("exported");
    float[] expected;
    try (Inference inference = Inference.open(tmp)) {
      expected = inference.reconstruct(images, N, model.allLayers());
      inference.exportSavedModel(export);
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(export.toString());
        TFloat32 x = Tensors.of(images, N, 16, 16, 1);
        var result = bundle.function("serving_default").call(Map.of("x", x))) {
      TFloat32 y = (TFloat32) result.get("x_hat").orElseThrow();
      float[] actual = new float[(int) y.size()];
      y.copyTo(DataBuffers.of(actual, false, false));
      assertThat(actual).containsExactly(expected);
      assertThat(result.get("codes")).isPresent();
    }
  }

  @Test
  void aCheckpointWithoutADescriptionOrAFolderWithoutOneAreClearErrors() throws Exception {
    VqAutoencoder model = HR.build();
    Path checkpoint;
    try (Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.sgd(0.1f)).build()) {
      checkpoint = t.save(tmp.resolve("plain"));
    }
    assertThatThrownBy(() -> Inference.open(checkpoint)).hasMessageContaining(checkpoint.toString()).hasMessageContaining("restoreWeights");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> Inference.open(empty)).hasMessageContaining("neither a run directory");
  }

  @Test
  void specsRoundTripThroughJsonForEveryKind() {
    for (ModelSpec spec : List.of(HR,
        new ModelSpec(ModelKind.VQVAE, new Architecture(16, 3, 8, 4, 2, 2), 16, 1, 0, 0.3f, 0, new float[0], Search.TREE, null),
        new ModelSpec(ModelKind.VQVAE2, new Architecture(32, 1, 8, 4, 2, 2), 8, 1, 3, 0.25f, 0, new float[0], Search.TREE, null))) {
      ModelSpec back = ModelSpec.fromJson(spec.toJson());
      assertThat(back.toJson()).isEqualTo(spec.toJson());
      assertThat(back.build().kind()).isEqualTo(spec.kind());
      assertThat(spec.toJson().get("kind")).isEqualTo(spec.kind().label());
    }
  }
}
