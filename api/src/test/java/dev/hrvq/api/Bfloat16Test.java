package dev.hrvq.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.check.GraphRun;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * {@link Bfloat16#of}: the same layer, float32 in and out, its values and its parameter gradients
 * those of the float32 layer to bfloat16's precision (8 significant bits: a relative step of 2^-8),
 * and the wrapped layer's ops in bfloat16.
 */
class Bfloat16Test {
  /** y = relu(x w + b) w2, a small stack with a parameter in every op kind the models use. */
  private static final Layer STACK = Combinators.serial("stack", CombinatorsTest.affine("a", 16), CombinatorsTest.relu("r"),
      CombinatorsTest.affine("b", 4));

  @Test
  void valuesAndParameterGradientsMatchFloat32ToBfloat16Precision() {
    Random random = new Random(1);
    Init init = STACK.init(org.tensorflow.ndarray.Shape.of(-1, 8));
    try (GraphRun g = new GraphRun()) {
      float[] xs = gaussian(random, 32 * 8);
      Operand<TFloat32> x = g.constant(xs, 32, 8);
      java.util.TreeMap<String, Operand<TFloat32>> leaves = new java.util.TreeMap<>();
      init.params().forEach((path, spec) -> leaves.put(path, g.constant(gaussian(random, (int) spec.shape().size()), spec.shape().asArray())));
      Vars vars = Vars.of(Params.of(leaves).prefixed("stack"));
      Operand<TFloat32> full = Children.apply(g.tf, STACK, vars, x, Mode.EVAL).y();
      Operand<TFloat32> low = Children.apply(g.tf, Bfloat16.of(STACK), vars, x, Mode.EVAL).y();
      assertThat(low.shape()).isEqualTo(full.shape());
      assertThat(((org.tensorflow.Output<?>) low.asOutput()).dataType()).isEqualTo(DataType.DT_FLOAT);
      List<Operand<TFloat32>> params = List.copyOf(leaves.values());
      var gFull = g.gradients(g.tf.sum(g.tf.math.square(full), g.tf.constant(new int[] {0, 1})), params);
      var gLow = g.gradients(g.tf.sum(g.tf.math.square(low), g.tf.constant(new int[] {0, 1})), params);
      List<Operand<?>> fetches = new java.util.ArrayList<>(List.of(full, low));
      fetches.addAll(gFull);
      fetches.addAll(gLow);
      GraphRun.Fetched f = g.run(fetches);
      assertClose(f.floats(0), f.floats(1), 0.05);
      for (int i = 0; i < params.size(); i++) {
        assertClose(f.floats(2 + i), f.floats(2 + params.size() + i), 0.08);
      }
      boolean sawLowMatMul = false;
      for (var it = g.graph.operations(); it.hasNext(); ) {
        var op = (org.tensorflow.GraphOperation) it.next();
        sawLowMatMul |= op.type().equals("MatMul") && op.input(0).dataType() == DataType.DT_BFLOAT16;
      }
      assertThat(sawLowMatMul).as("the wrapped stack's matmuls run in bfloat16").isTrue();
    }
  }

  /** Close relative to the largest magnitude (bfloat16 rounds each op's output to 8 bits). */
  private static void assertClose(float[] expected, float[] actual, double relative) {
    double scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertThat(actual).hasSameSizeAs(expected);
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    }
    assertThat(worst / scale).isCloseTo(0, within(relative));
    assertThat(worst).as("bfloat16 rounds: not bit-identical to float32").isPositive();
  }

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  @Test
  void aScalarLikeTakesTheOperandsNumberFormat() {
    try (GraphRun g = new GraphRun()) {
      Operand<TFloat32> x = g.constant(new float[] {1f, 2f}, 2);
      Operand<TFloat32> c = Bfloat16.scalarLike(g.tf, 0.5f, x);
      assertThat(((org.tensorflow.Output<?>) c.asOutput()).dataType()).isEqualTo(DataType.DT_FLOAT);
    }
  }
}
