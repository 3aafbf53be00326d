package dev.hrvq.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Program;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.quantize.HierarchicalQuantizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * {@link Precision#BF16}: the convolution stacks compute in bfloat16, the quantizer and the losses
 * in float32, and such a model learns. It runs on any CPU (without AMX TensorFlow emulates the
 * bfloat16 kernels), so these tests run everywhere; speed is the {@code bench} command's business.
 */
class Bfloat16Test {
  private static final Architecture ARCH = new Architecture(16, 1, 32, 16, 4, 2);
  private static final int M = 4;
  private static final int LAYERS = 3;
  private static final int BATCH = 32;

  static HrVqVae model(Precision p) {
    return new HrVqVae(ARCH, HierarchicalQuantizer.builder().setCodewords(M).setLayers(LAYERS).build(), 0.25f,
        new float[] {0.25f, 0.25f, 0.25f}, p);
  }

  /** Ops that may compute in bfloat16: the convolution stacks' layers and what their gradients and reshapes need. */
  private static final Set<String> STACK_OPS = Set.of("Conv2D", "Conv2DBackpropFilter", "Conv2DBackpropInput", "BiasAdd",
      "BiasAddGrad", "Relu", "ReluGrad", "MatMul", "Add", "AddV2", "AddN", "Identity", "Reshape", "Shape", "Cast", "Sum",
      "ZerosLike", "Pack", "StridedSlice", "Slice", "ConcatV2");

  @Test
  void theStacksComputeInBfloat16AndNothingElseDoes() {
    try (Trainer t = Trainer.builder().setModel(model(Precision.BF16).model()).setOptimizer(Optimizers.adam(1e-3f)).build()) {
      Set<String> lowTypes = new TreeSet<>();
      Set<String> lowConvolutions = new TreeSet<>();
      t.graph().operations().forEachRemaining(o -> {
        GraphOperation op = (GraphOperation) o;
        boolean low = false;
        for (int i = 0; i < op.numInputs(); i++) {
          low |= op.input(i).dataType() == DataType.DT_BFLOAT16;
        }
        if (low) {
          lowTypes.add(op.type());
          // The quantizer's and the losses' ops live under their own name scopes.
          assertThat(op.name()).as("a bfloat16 op outside the stacks").doesNotContain("quantizer");
        }
        if (op.type().startsWith("Conv2D") && low) {
          lowConvolutions.add(op.name());
        }
      });
      assertThat(lowTypes).isSubsetOf(STACK_OPS).contains("Conv2D", "Conv2DBackpropFilter", "Conv2DBackpropInput");
      // Encoder: 4 convolutions (down0, conv, 2 residual 3x3), decoder: 3 + 1 transposed; each with its gradients.
      assertThat(lowConvolutions).hasSizeGreaterThanOrEqualTo(8);
    }
    try (Trainer t = Trainer.builder().setModel(model(Precision.FP32).model()).setOptimizer(Optimizers.adam(1e-3f)).build()) {
      t.graph().operations().forEachRemaining(o -> {
        GraphOperation op = (GraphOperation) o;
        for (int i = 0; i < op.numInputs(); i++) {
          assertThat(op.input(i).dataType()).as(op.name()).isNotEqualTo(DataType.DT_BFLOAT16);
        }
      });
    }
  }

  /**
   * The bfloat16 model's codes for a batch equal a float64 tree search, in plain Java, of the very
   * latents its encoder produced (fetched as float32) against its codebooks. A quantizer that
   * searched in bfloat16 would differ on a share of them (0.2-2% measured for Grappler's rewrite).
   */
  @Test
  void theQuantizersCodesAreTheFloat32SearchOfTheSameLatents() {
    HrVqVae model = model(Precision.BF16);
    try (Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(2e-3f)).optSeed(3).build()) {
      for (int step = 0; step < 20; step++) {
        try (TFloat32 x = Tensors.of(SyntheticImages.rectangles(BATCH, 16, step), BATCH, 16, 16, 1)) {
          t.step(Map.of("x", x));
        }
      }
      Program internalsAndBooks = (tf, vars, in) -> {
        Map<String, Operand<?>> out = new LinkedHashMap<>(model.internals().apply(tf, vars, in));
        for (int i = 1; i <= LAYERS; i++) {
          out.put("books_l" + i, vars.params().get(SingleScaleVq.codebookPath(i)));
        }
        return out;
      };
      CompiledFunction f = t.function("internals_and_books", Map.of("x", model.imageSpec()), internalsAndBooks, false);
      try (TFloat32 x = Tensors.of(SyntheticImages.rectangles(4 * BATCH, 16, 99), 4 * BATCH, 16, 16, 1);
          Outputs out = f.call(Map.of("x", x))) {
        float[] latents = out.floats("latents");
        float[][] books = new float[LAYERS][];
        for (int i = 1; i <= LAYERS; i++) {
          books[i - 1] = out.floats("books_l" + i);
        }
        long[] codes = out.longs("codes_l" + LAYERS);
        int dim = ARCH.dim();
        assertThat(codes).hasSize(latents.length / dim);
        long[] expected = new long[codes.length];
        for (int v = 0; v < codes.length; v++) {
          expected[v] = treeSearch(latents, v * dim, dim, books);
        }
        assertThat(codes).isEqualTo(expected);
        assertThat(java.util.Arrays.stream(codes).distinct().count()).as("a search that says something").isGreaterThan(4);
      }
    }
  }

  /** The tree search in float64: per layer the nearest of the M children of the path so far, on the residual. */
  private static long treeSearch(float[] latents, int offset, int dim, float[][] books) {
    double[] r = new double[dim];
    for (int d = 0; d < dim; d++) {
      r[d] = latents[offset + d];
    }
    long path = 0;
    for (float[] book : books) {
      int best = -1;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int k = 0; k < M; k++) {
        int base = (int) ((path * M + k) * dim);
        double distance = 0;
        for (int d = 0; d < dim; d++) {
          double diff = r[d] - book[base + d];
          distance += diff * diff;
        }
        if (distance < bestDistance) {
          bestDistance = distance;
          best = k;
        }
      }
      int base = (int) ((path * M + best) * dim);
      for (int d = 0; d < dim; d++) {
        r[d] -= book[base + d];
      }
      path = path * M + best;
    }
    return path;
  }

  /**
   * A bfloat16 run learns: 300 steps on synthetic rectangles from the same seed as a float32 run.
   * Bounds: its test MSE falls below a fifth of the first step's loss, and stays within 1.5x of the
   * float32 run's (measured here: see the printed line).
   */
  @Test
  void aBfloat16RunLearnsAboutAsWellAsFloat32() {
    float[] test = SyntheticImages.rectangles(256, 16, 1_000_000);
    double[] bf16 = trainAndTest(model(Precision.BF16), test);
    double[] fp32 = trainAndTest(model(Precision.FP32), test);
    System.out.printf("300 steps: first loss bf16 %.4f fp32 %.4f; test MSE bf16 %.5f fp32 %.5f%n", bf16[0], fp32[0], bf16[1], fp32[1]);
    assertThat(bf16[1]).isLessThan(bf16[0] / 5);
    assertThat(bf16[1]).isLessThan(fp32[1] * 1.5);
  }

  /**
   * The prior's network with every optional part (attention, dropout, class conditioning) builds
   * and trains in bfloat16; its loss (the softmax cross-entropy) stays float32.
   */
  @Test
  void aBfloat16PriorWithAttentionDropoutAndLabelsTrains() {
    var sizes = new PixelCnnPrior.Sizes(16, 2, 3, 1, 0.1f, 8);
    PixelCnnPrior prior = new PixelCnnPrior(4, 4, 5, 3, java.util.List.of(), sizes, Precision.BF16);
    java.util.Random random = new java.util.Random(5);
    long[] codes = new long[BATCH * 16];
    for (int i = 0; i < codes.length; i++) {
      // A learnable pattern: each position's code is its column's, plus noise at one position in eight.
      codes[i] = random.nextInt(8) == 0 ? random.nextInt(5) : (i % 4);
    }
    float[] labels = new float[BATCH * 3];
    for (int i = 0; i < BATCH; i++) {
      labels[i * 3 + i % 3] = 1f;
    }
    try (Trainer t = Trainer.builder().setModel(prior.model()).setOptimizer(Optimizers.adam(3e-3f)).optSeed(2).build();
        var c = org.tensorflow.types.TInt64.tensorOf(org.tensorflow.ndarray.Shape.of(BATCH, 4, 4),
            org.tensorflow.ndarray.buffer.DataBuffers.of(codes, true, false));
        TFloat32 l = Tensors.of(labels, BATCH, 3)) {
      double first = 0;
      double last = 0;
      for (int step = 0; step < 60; step++) {
        Map<String, Float> terms = t.step(Map.of("codes", c, "labels", l));
        if (step == 0) {
          first = terms.get("loss");
        }
        last = terms.get("loss");
      }
      assertThat(last).isFinite().isLessThan(first * 0.7);
      Set<String> lossInputs = new TreeSet<>();
      t.graph().operations().forEachRemaining(o -> {
        GraphOperation op = (GraphOperation) o;
        if (op.type().equals("SoftmaxCrossEntropyWithLogits")) {
          lossInputs.add(op.input(0).dataType().toString());
        }
      });
      assertThat(lossInputs).containsExactly("DT_FLOAT");
    }
  }

  /** The first step's recon loss and the test MSE after 300 steps. */
  private static double[] trainAndTest(VqAutoencoder model, float[] test) {
    try (Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(2e-3f)).optSeed(11).build()) {
      double first = 0;
      for (int step = 0; step < 300; step++) {
        try (TFloat32 x = Tensors.of(SyntheticImages.rectangles(BATCH, 16, step), BATCH, 16, 16, 1)) {
          Map<String, Float> terms = t.step(Map.of("x", x));
          if (step == 0) {
            first = terms.get("recon");
          }
        }
      }
      float[] recon = new CompiledVq(t, model, false).reconstruct(test, 256, model.allLayers());
      double se = 0;
      for (int i = 0; i < test.length; i++) {
        se += (recon[i] - test[i]) * (recon[i] - test[i]);
      }
      return new double[] {first, se / test.length};
    }
  }
}
