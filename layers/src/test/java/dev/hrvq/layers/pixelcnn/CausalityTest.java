package dev.hrvq.layers.pixelcnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.layers.Layers;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * Causality of every masked piece, checked twice: perturbing the input at p leaves every output
 * p may not influence bit-identical (and changes some output it may), and the gradient of the
 * output at p is exactly zero at every input p may not depend on (and nonzero at some it may).
 */
class CausalityTest {
  // The networks use 12 hidden channels: with 4, every head relu at some position is dead often
  // enough that an output depends on nothing at all and the non-vacuity checks fail.
  private static final int H = 5;
  private static final int W = 6;
  /** First, last of a row, first of a row, middle, second-to-last and last positions. */
  private static final int[] POSITIONS = {0, 1, 5, 6, 14, 20, 28, 29};

  /** Whether input position {@code in} may influence output position {@code out} (flat raster indices). */
  @FunctionalInterface
  interface MayDepend {
    boolean test(int in, int out);
  }

  static final MayDepend STRICT = (in, out) -> in < out;
  static final MayDepend INCLUSIVE = (in, out) -> in <= out;
  static final MayDepend ROWS_UP_TO = (in, out) -> in / W <= out / W;

  @Test
  void verticalConvSeesOnlyRowsUpToItsOwn() {
    check(CausalConv.vertical("v", 3, 3), 2, 0, ROWS_UP_TO, Mode.EVAL);
    check(CausalConv.vertical("v", 3, 5), 2, 0, ROWS_UP_TO, Mode.EVAL);
  }

  @Test
  void horizontalConvMaskASeesOnlyTheLeftOfTheSameRow() {
    MayDepend leftInRow = (in, out) -> in / W == out / W && in < out;
    check(CausalConv.horizontal("h", 3, 3, MaskType.A), 2, 0, leftInRow, Mode.EVAL);
    check(CausalConv.horizontal("h", 3, 1, MaskType.A), 2, 0, leftInRow, Mode.EVAL);
  }

  @Test
  void horizontalConvMaskBSeesTheLeftAndItself() {
    check(CausalConv.horizontal("h", 3, 3, MaskType.B), 2, 0, (in, out) -> in / W == out / W && in <= out, Mode.EVAL);
  }

  @Test
  void singleMaskABlockIsStrictlyCausal() {
    for (int kernel : new int[] {1, 3, 5}) {
      check(Layers.serial("net", GatedBlock.first("b0", 4, kernel, 0), Stream.horizontal("h", 4, 0)), 3, 0, STRICT, Mode.EVAL);
    }
  }

  @Test
  void maskBStackIsStrictlyCausal() {
    check(GatedPixelCnn.network("net", 0, 12, 3, 3, 0, 5), 3, 0, STRICT, Mode.EVAL);
  }

  @Test
  void maskBStackWithAttentionIsStrictlyCausal() {
    check(GatedPixelCnn.network("net", 0, 12, 3, 3, 1, 5), 3, 0, STRICT, Mode.EVAL);
    check(GatedPixelCnn.network("net", 0, 12, 4, 3, 2, 5), 3, 0, STRICT, Mode.EVAL);
  }

  @Test
  void attentionAloneAttendsUpToItsOwnPosition() {
    check(CausalSelfAttention.layer("att", 3), 2, 0, INCLUSIVE, Mode.EVAL);
  }

  @Test
  void classConditionedNetworkIsStrictlyCausalInTheCodes() {
    check(GatedPixelCnn.network("net", 3, 12, 3, 3, 2, 5), 2, 3, STRICT, Mode.EVAL);
  }

  @Test
  void dropoutInTrainingKeepsCausality() {
    check(GatedPixelCnn.network("net", 0, 12, 3, 3, 1, 5, 0.3f), 3, 0, STRICT, Mode.TRAIN);
  }

  @Test
  void classChannelsAtAPositionReachOnlyThatPositionAndLater() {
    // Each position reads its own copy of the one-hot, so editing the copy at p is invisible before p.
    Layer net = GatedPixelCnn.network("net", 3, 12, 3, 3, 2, 5);
    Shape in = Shape.of(1, H, W, 2 + 3);
    Random random = new Random(7);
    try (Probe probe = new Probe(net, in, 11, Mode.EVAL)) {
      float[] x = input(random, 2, 3, 1);
      float[] y = probe.output(x);
      int outC = (int) probe.out.get(3);
      for (int p : POSITIONS) {
        float[] x2 = x.clone();
        x2[p * 5 + 2 + 1] = 0f;
        x2[p * 5 + 2 + 2] = 1f;
        float[] y2 = probe.output(x2);
        for (int q = 0; q < p; q++) {
          assertThat(at(y2, q, outC)).as("output %d after editing the class at %d", q, p).isEqualTo(at(y, q, outC));
        }
        assertThat(at(y2, p, outC)).as("output at %d sees its own class", p).isNotEqualTo(at(y, p, outC));
      }
    }
  }

  @Test
  void changingTheClassChangesEveryOutput() {
    Layer net = GatedPixelCnn.network("net", 3, 12, 2, 3, 0, 5);
    Shape in = Shape.of(1, H, W, 2 + 3);
    try (Probe probe = new Probe(net, in, 11, Mode.EVAL)) {
      float[] a = input(new Random(3), 2, 3, 0);
      float[] b = input(new Random(3), 2, 3, 2);
      float[] ya = probe.output(a);
      float[] yb = probe.output(b);
      for (int q = 0; q < H * W; q++) {
        assertThat(at(yb, q, 5)).as("output at %d", q).isNotEqualTo(at(ya, q, 5));
      }
    }
  }

  /**
   * Perturbs channels {@code [0, codes)} at each probed position (the trailing {@code classes}
   * channels hold a fixed one-hot) and checks both the forward and the gradient condition.
   */
  private static void check(Layer layer, int codes, int classes, MayDepend mayDepend, Mode mode) {
    int c = codes + classes;
    Shape in = Shape.of(1, H, W, c);
    Random random = new Random(42);
    Map<String, Float> state = Map.of(StatelessDropout.STEP, 5f);
    try (Probe probe = new Probe(layer, in, 3, mode, state)) {
      int outC = (int) probe.out.get(3);
      float[] x = input(random, codes, classes, 1);
      float[] y = probe.output(x);
      for (int p : POSITIONS) {
        // Forward: perturb every code channel at p.
        float[] x2 = x.clone();
        for (int ch = 0; ch < codes; ch++) {
          x2[p * c + ch] += 1f + (float) random.nextGaussian();
        }
        float[] y2 = probe.output(x2);
        boolean anyChanged = false;
        boolean anyAllowed = false;
        for (int q = 0; q < H * W; q++) {
          if (mayDepend.test(p, q)) {
            anyAllowed = true;
            anyChanged |= !Arrays.equals(at(y, q, outC), at(y2, q, outC));
          } else {
            assertThat(at(y2, q, outC)).as("%s: output at %d after changing the input at %d", layer.name(), q, p)
                .isEqualTo(at(y, q, outC));
          }
        }
        if (anyAllowed) {
          assertThat(anyChanged).as("%s: changing the input at %d changes some output it may reach", layer.name(), p).isTrue();
        }

        // Gradient: d(output at p)/d(input) is exactly zero wherever p may not look.
        float[] weights = new float[H * W * outC];
        for (int o = 0; o < outC; o++) {
          weights[p * outC + o] = (float) random.nextGaussian();
        }
        float[] g = probe.gradient(x, weights);
        boolean anyNonzero = false;
        boolean anySource = false;
        for (int q = 0; q < H * W; q++) {
          for (int ch = 0; ch < codes; ch++) {
            float v = g[q * c + ch];
            if (mayDepend.test(q, p)) {
              anySource = true;
              anyNonzero |= v != 0f;
            } else {
              assertThat(v).as("%s: d out[%d] / d in[%d, channel %d]", layer.name(), p, q, ch).isEqualTo(0f);
            }
          }
        }
        if (anySource) {
          assertThat(anyNonzero).as("%s: output at %d depends on some input it may see", layer.name(), p).isTrue();
        }
      }
    }
  }

  /** Gaussian codes and, in the trailing channels, the one-hot of {@code cls} at every position. */
  static float[] input(Random random, int codes, int classes, int cls) {
    int c = codes + classes;
    float[] x = new float[H * W * c];
    for (int q = 0; q < H * W; q++) {
      for (int ch = 0; ch < codes; ch++) {
        x[q * c + ch] = (float) random.nextGaussian();
      }
      if (classes > 0) {
        x[q * c + codes + cls] = 1f;
      }
    }
    return x;
  }

  static float[] at(float[] y, int position, int channels) {
    return Arrays.copyOfRange(y, position * channels, (position + 1) * channels);
  }
}
