package dev.hrvq.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.layers.Layers.Padding;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * conv2d's outputs against a direct double-precision convolution written from TensorFlow's
 * definition (NHWC, SAME pads {@code max((out-1)*stride + k - in, 0)} with the smaller half first).
 * Covers the 1x1 path, which runs as a MatMul rather than Conv2D, and convTranspose2d against the
 * direct transposed convolution (input pixel i adds {@code x[i] K[k]} at output {@code stride*i + k - pad}).
 */
class ConvolutionValuesTest {

  @Test
  void pointwiseConvolutionIsTheDirectConvolution() {
    compare(1, 1, Padding.SAME, 2, 5, 4, 3, 6);
  }

  @Test
  void threeByThreeSame() {
    compare(3, 1, Padding.SAME, 2, 5, 6, 3, 4);
  }

  @Test
  void fourByFourStrideTwoSame() {
    compare(4, 2, Padding.SAME, 2, 8, 7, 2, 3);
  }

  @Test
  void threeByThreeValid() {
    compare(3, 1, Padding.VALID, 1, 6, 5, 2, 3);
  }

  @Test
  void transposedFourByFourStrideTwoOneChannel() {
    compareTranspose(4, 2, 2, 5, 4, 6, 1);
  }

  @Test
  void transposedFourByFourStrideTwoManyChannels() {
    compareTranspose(4, 2, 2, 3, 4, 5, 7);
  }

  @Test
  void transposedThreeByThreeStrideTwo() {
    compareTranspose(3, 2, 1, 4, 3, 2, 3);
  }

  private static void compareTranspose(int k, int stride, int n, int h, int w, int cin, int cout) {
    Random random = new Random(31L * k + cout);
    float[] x = gaussian(random, n * h * w * cin);
    float[] kernel = gaussian(random, k * k * cout * cin);
    float[] bias = gaussian(random, cout);
    int oh = h * stride;
    int ow = w * stride;
    int pad = Math.max(k - stride, 0) / 2;
    double[] expected = new double[n * oh * ow * cout];
    for (int b = 0; b < n; b++) {
      for (int t = 0; t < oh; t++) {
        for (int u = 0; u < ow; u++) {
          for (int o = 0; o < cout; o++) {
            expected[((b * oh + t) * ow + u) * cout + o] = bias[o];
          }
        }
      }
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
              int t = stride * i + ky - pad;
              int u = stride * j + kx - pad;
              if (t < 0 || t >= oh || u < 0 || u >= ow) {
                continue;
              }
              for (int o = 0; o < cout; o++) {
                for (int c = 0; c < cin; c++) {
                  expected[((b * oh + t) * ow + u) * cout + o] +=
                      (double) x[((b * h + i) * w + j) * cin + c] * kernel[((ky * k + kx) * cout + o) * cin + c];
                }
              }
            }
          }
        }
      }
    }
    float[] actual = new float[expected.length];
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfig.get());
        TFloat32 xt = Tensors.of(x, n, h, w, cin); TFloat32 kt = Tensors.of(kernel, k, k, cout, cin); TFloat32 bt = Tensors.of(bias, cout)) {
      Ops tf = Ops.create(g);
      Map<String, Operand<TFloat32>> params = new TreeMap<>(Map.of("kernel", tf.constant(kt), "bias", tf.constant(bt)));
      var y = Layers.convTranspose2d("t", cout, k, stride).apply(tf, Vars.of(Params.of(params)), tf.constant(xt), Mode.EVAL).y();
      try (Result r = s.runner().fetch(y).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        assertThat(t.shape()).isEqualTo(Shape.of(n, oh, ow, cout));
        t.copyTo(DataBuffers.of(actual, false, false));
      }
    }
    for (int i = 0; i < actual.length; i++) {
      assertThat((double) actual[i]).as("output %d", i).isCloseTo(expected[i], within(1e-4 * (1 + Math.abs(expected[i]))));
    }
  }

  private static void compare(int k, int stride, Padding padding, int n, int h, int w, int cin, int cout) {
    Random random = new Random(17L * k + stride);
    float[] x = gaussian(random, n * h * w * cin);
    float[] kernel = gaussian(random, k * k * cin * cout);
    float[] bias = gaussian(random, cout);
    int oh = padding == Padding.SAME ? (h + stride - 1) / stride : (h - k) / stride + 1;
    int ow = padding == Padding.SAME ? (w + stride - 1) / stride : (w - k) / stride + 1;
    double[] expected = direct(x, kernel, bias, n, h, w, cin, cout, k, stride, padding, oh, ow);

    float[] actual = new float[n * oh * ow * cout];
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfig.get());
        TFloat32 xt = Tensors.of(x, n, h, w, cin); TFloat32 kt = Tensors.of(kernel, k, k, cin, cout); TFloat32 bt = Tensors.of(bias, cout)) {
      Ops tf = Ops.create(g);
      Map<String, Operand<TFloat32>> params = new TreeMap<>(Map.of("kernel", tf.constant(kt), "bias", tf.constant(bt)));
      var layer = Layers.conv2d("c", cout, k, stride, padding);
      assertThat(layer.init(Shape.of(n, h, w, cin)).out()).isEqualTo(Shape.of(n, oh, ow, cout));
      var y = layer.apply(tf, Vars.of(Params.of(params)), tf.constant(xt), Mode.EVAL).y();
      try (Result r = s.runner().fetch(y).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        assertThat(t.shape()).isEqualTo(Shape.of(n, oh, ow, cout));
        t.copyTo(DataBuffers.of(actual, false, false));
      }
    }
    for (int i = 0; i < actual.length; i++) {
      assertThat((double) actual[i]).as("output %d", i).isCloseTo(expected[i], within(1e-4 * (1 + Math.abs(expected[i]))));
    }
  }

  private static double[] direct(float[] x, float[] kernel, float[] bias, int n, int h, int w, int cin, int cout,
      int k, int stride, Padding padding, int oh, int ow) {
    int padTop = padding == Padding.SAME ? Math.max((oh - 1) * stride + k - h, 0) / 2 : 0;
    int padLeft = padding == Padding.SAME ? Math.max((ow - 1) * stride + k - w, 0) / 2 : 0;
    double[] out = new double[n * oh * ow * cout];
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int o = 0; o < cout; o++) {
            double sum = bias[o];
            for (int di = 0; di < k; di++) {
              for (int dj = 0; dj < k; dj++) {
                int yi = i * stride + di - padTop;
                int xj = j * stride + dj - padLeft;
                if (yi < 0 || yi >= h || xj < 0 || xj >= w) {
                  continue;
                }
                for (int c = 0; c < cin; c++) {
                  sum += (double) x[((b * h + yi) * w + xj) * cin + c] * kernel[((di * k + dj) * cin + c) * cout + o];
                }
              }
            }
            out[((b * oh + i) * ow + j) * cout + o] = sum;
          }
        }
      }
    }
    return out;
  }

  private static float[] gaussian(Random random, int size) {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }
}
