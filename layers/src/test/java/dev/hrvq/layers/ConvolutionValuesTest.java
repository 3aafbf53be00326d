package dev.hrvq.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.check.Close;
import dev.hrvq.api.check.GraphRun;
import dev.hrvq.layers.Layers.Padding;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.ndarray.Shape;

/**
 * conv2d's outputs against a direct double-precision convolution written from TensorFlow's
 * definition (NHWC, SAME pads {@code max((out-1)*stride + k - in, 0)} with the smaller half first),
 * and convTranspose2d against the direct transposed convolution (input pixel i adds {@code x[i] K[k]}
 * at output {@code stride*i + k - pad}), including the 1x1 case, which runs as a MatMul.
 */
class ConvolutionValuesTest {

  @ParameterizedTest(name = "{0}x{0} stride {1} {2}, {3}x{4}x{5}x{6} to {7} channels")
  @CsvSource({
      "1, 1, SAME, 2, 5, 4, 3, 6", // pointwise: the MatMul path
      "3, 1, SAME, 2, 5, 6, 3, 4",
      "4, 2, SAME, 2, 8, 7, 1, 3", // the encoder's first layer: from one channel
      "3, 1, VALID, 1, 6, 5, 2, 3",
      "3, 1, SAME, 2, 5, 6, 5, 4",
      "4, 2, SAME, 2, 8, 7, 6, 3",
      "3, 2, VALID, 1, 7, 6, 5, 3"})
  void convolution(int k, int stride, Padding padding, int n, int h, int w, int cin, int cout) {
    Random random = new Random(17L * k + stride);
    float[] x = gaussian(random, n * h * w * cin);
    float[] kernel = gaussian(random, k * k * cin * cout);
    float[] bias = gaussian(random, cout);
    int oh = padding == Padding.SAME ? (h + stride - 1) / stride : (h - k) / stride + 1;
    int ow = padding == Padding.SAME ? (w + stride - 1) / stride : (w - k) / stride + 1;
    int padTop = padding == Padding.SAME ? Math.max((oh - 1) * stride + k - h, 0) / 2 : 0;
    int padLeft = padding == Padding.SAME ? Math.max((ow - 1) * stride + k - w, 0) / 2 : 0;
    double[] expected = new double[n * oh * ow * cout];
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
            expected[((b * oh + i) * ow + j) * cout + o] = sum;
          }
        }
      }
    }
    assertOutput(Layers.conv2d("c", cout, k, stride, padding), x, new long[] {n, h, w, cin},
        kernel, new long[] {k, k, cin, cout}, bias, new long[] {n, oh, ow, cout}, expected);
  }

  @ParameterizedTest(name = "{0}x{0} stride {1}, {2}x{3}x{4}x{5} to {6} channels")
  @CsvSource({
      "4, 2, 2, 5, 4, 6, 1", // the decoder's last layer: back to one channel
      "4, 2, 2, 3, 4, 5, 3",
      "4, 2, 2, 3, 4, 5, 7",
      "3, 2, 1, 4, 3, 2, 3"})
  void transposedConvolution(int k, int stride, int n, int h, int w, int cin, int cout) {
    Random random = new Random(31L * k + cout);
    float[] x = gaussian(random, n * h * w * cin);
    float[] kernel = gaussian(random, k * k * cout * cin);
    float[] bias = gaussian(random, cout);
    int oh = h * stride;
    int ow = w * stride;
    int pad = Math.max(k - stride, 0) / 2;
    double[] expected = new double[n * oh * ow * cout];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = bias[i % cout];
    }
    for (int b = 0; b < n; b++) {
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
    assertOutput(Layers.convTranspose2d("t", cout, k, stride), x, new long[] {n, h, w, cin},
        kernel, new long[] {k, k, cout, cin}, bias, new long[] {n, oh, ow, cout}, expected);
  }

  /** Applies {@code layer} with the given kernel and bias to {@code x}; checks shape and values. */
  private static void assertOutput(Layer layer, float[] x, long[] xShape, float[] kernel, long[] kernelShape,
      float[] bias, long[] outShape, double[] expected) {
    assertThat(layer.init(Shape.of(xShape)).out()).as("init's output shape").isEqualTo(Shape.of(outShape));
    try (GraphRun run = new GraphRun()) {
      var params = Params.of(Map.of("kernel", run.constant(kernel, kernelShape), "bias", run.constant(bias, bias.length)));
      var y = layer.apply(run.tf, Vars.of(params), run.constant(x, xShape), Mode.EVAL).y();
      GraphRun.Fetched out = run.run(y);
      assertThat(out.shape(0)).containsExactly(outShape);
      Close.assertClose("output", out.floats(0), expected, 1e-4, 1e-4);
    }
  }

  private static float[] gaussian(Random random, int size) {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }
}
