package dev.hrvq.layers.pixelcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.Init;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.api.runtime.Tensors;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The network run one row at a time ({@link GatedPixelCnn#rowContext} once per row, then
 * {@link GatedPixelCnn#rowStep} per column) gives the whole network's outputs at every position,
 * on the same parameters, even when the codes at and after the position asked for (and the
 * condition after it) hold something else: so a sampler may leave the positions not yet drawn at
 * anything.
 */
class RowStepTest {
  private static final int N = 2;
  private static final int H = 5;
  private static final int W = 6;
  private static final int CODES = 3;
  private static final int OUTPUTS = 7;

  @Test
  void aSingleMaskABlock() {
    check(GatedPixelCnn.of("net", 0, 8, 1, 3, 0, OUTPUTS, 0f), 0, false);
  }

  @Test
  void severalBlocksWithKernel3() {
    check(GatedPixelCnn.of("net", 0, 8, 3, 3, 0, OUTPUTS, 0f), 0, false);
  }

  @Test
  void severalBlocksWithKernel5() {
    check(GatedPixelCnn.of("net", 0, 8, 4, 5, 0, OUTPUTS, 0f), 0, false);
  }

  @Test
  void classConditioned() {
    check(GatedPixelCnn.of("net", 3, 8, 3, 5, 0, OUTPUTS, 0f), 3, false);
  }

  @Test
  void conditionedPerPositionAsOnUpperLevels() {
    // Upper levels' embeddings differ from position to position (upsampled), unlike a class one-hot.
    check(GatedPixelCnn.of("net", 4, 8, 3, 3, 0, OUTPUTS, 0f), 4, true);
  }

  @Test
  void aNetworkWithDropoutIsRunWithout() {
    check(GatedPixelCnn.of("net", 2, 8, 2, 3, 0, OUTPUTS, 0.4f), 2, false);
  }

  @Test
  void attentionCannotRunOneRowAtATime() {
    GatedPixelCnn net = GatedPixelCnn.of("net", 0, 8, 2, 3, 1, OUTPUTS, 0f);
    assertThat(net.rowwise()).isFalse();
    assertThat(GatedPixelCnn.of("net", 0, 8, 2, 3, 0, OUTPUTS, 0f).rowwise()).isTrue();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(N, H, W, CODES)));
      assertThatThrownBy(() -> net.rowContext(tf, Vars.of(dev.hrvq.api.Params.empty()), x, tf.constant(0)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("attention");
    }
  }

  /**
   * For every position (i, j): the row context of row i and the row step at column j, fed an input
   * whose positions from (i, j) on in raster order are replaced by noise, against the whole
   * network's outputs at (i, j) for the original input.
   */
  private static void check(GatedPixelCnn net, int classes, boolean conditionVariesByPosition) {
    int c = CODES + classes;
    Shape in = Shape.of(N, H, W, c);
    Init init = net.layer().init(in);
    Random random = new Random(17);
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfig.get())) {
      Ops tf = Ops.create(g);
      Vars vars = new Vars(Probe.values(tf, init.params(), 5, Map.of()), Probe.values(tf, init.state(), 6, Map.of()));
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(in));
      Placeholder<TInt32> row = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TInt32> column = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      Operand<TFloat32> full = net.layer().apply(tf, vars, x, Mode.EVAL).y();
      GatedPixelCnn.Row context = net.rowContext(tf, vars, x, row);
      var xRow = tf.slice(x, tf.stack(List.of(tf.constant(0), row, tf.constant(0), tf.constant(0))), tf.constant(new int[] {N, 1, W, c}));
      Operand<TFloat32> step = net.rowStep(tf, vars, xRow, context.above(), column);
      assertThat(step.shape()).isEqualTo(Shape.of(N, OUTPUTS));

      float[] input = input(random, classes, conditionVariesByPosition);
      float[] expected = run(s, x, input, row, 0, column, 0, full);
      for (int i = 0; i < H; i++) {
        for (int j = 0; j < W; j++) {
          float[] noisy = input.clone();
          for (int n = 0; n < N; n++) {
            for (int q = i * W + j; q < H * W; q++) {
              // The output at (i, j) reads its own position's condition, not its codes.
              for (int ch = 0; ch < (q == i * W + j ? CODES : c); ch++) {
                noisy[(n * H * W + q) * c + ch] = (float) random.nextGaussian();
              }
            }
          }
          float[] got = run(s, x, noisy, row, i, column, j, step);
          for (int n = 0; n < N; n++) {
            for (int o = 0; o < OUTPUTS; o++) {
              float want = expected[((n * H + i) * W + j) * OUTPUTS + o];
              assertThat(got[n * OUTPUTS + o]).as("sample %d, position (%d, %d), output %d", n, i, j, o)
                  .isCloseTo(want, within(1e-5f * Math.max(1f, Math.abs(want))));
            }
          }
        }
        if (classes > 0) {
          // The row's condition is the input's trailing channels there, as they were fed.
          float[] cond = run(s, x, input, row, i, column, 0, context.condition());
          for (int n = 0; n < N; n++) {
            for (int j = 0; j < W; j++) {
              for (int ch = 0; ch < classes; ch++) {
                assertThat(cond[(n * W + j) * classes + ch]).isEqualTo(input[((n * H + i) * W + j) * c + CODES + ch]);
              }
            }
          }
        } else {
          assertThat(context.condition()).isNull();
        }
      }
    }
  }

  /** Gaussian codes; the condition a one-hot per sample (class n % classes), or Gaussian at every position. */
  private static float[] input(Random random, int classes, boolean conditionVariesByPosition) {
    int c = CODES + classes;
    float[] x = new float[N * H * W * c];
    for (int n = 0; n < N; n++) {
      for (int q = 0; q < H * W; q++) {
        int at = (n * H * W + q) * c;
        for (int ch = 0; ch < CODES; ch++) {
          x[at + ch] = (float) random.nextGaussian();
        }
        for (int ch = 0; ch < classes; ch++) {
          x[at + CODES + ch] = conditionVariesByPosition ? (float) random.nextGaussian() : (ch == n % classes ? 1f : 0f);
        }
      }
    }
    return x;
  }

  private static float[] run(Session s, Placeholder<TFloat32> x, float[] input, Placeholder<TInt32> row, int i,
      Placeholder<TInt32> column, int j, Operand<TFloat32> target) {
    try (TFloat32 xt = Tensors.of(input, N, H, W, input.length / (N * H * W));
        TInt32 it = TInt32.scalarOf(i);
        TInt32 jt = TInt32.scalarOf(j);
        Result r = s.runner().feed(x, xt).feed(row, it).feed(column, jt).fetch(target).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] v = new float[Math.toIntExact(t.size())];
      t.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
  }
}
