package dev.hrvq.layers;

import dev.hrvq.api.Combinators;
import dev.hrvq.api.Init;
import dev.hrvq.api.Initializers;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Out;
import dev.hrvq.api.ParamSpec;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The building blocks: convolutions, dense, activations, and the combinators re-exported so one
 * import builds a network. Images are NHWC; kernels are {@code [kh, kw, in, out]} for convolutions
 * and {@code [kh, kw, out, in]} for transposed convolutions (TensorFlow's layouts).
 *
 * <p>Initial values follow PyTorch's defaults (uniform on ±1/sqrt(fan-in), weights and biases), so
 * models start where the reference implementations start.
 */
public final class Layers {
  private Layers() {}

  /** The sub-scope of the MatMul a 1x1 convolution runs as. */
  public static final String POINTWISE_SCOPE = "pointwise";

  /** How a convolution pads: SAME keeps {@code ceil(in / stride)}, VALID uses no padding. */
  public enum Padding {
    SAME,
    VALID
  }

  public static Layer serial(String name, Layer... layers) {
    return Combinators.serial(name, layers);
  }

  public static Layer residual(String name, Layer... body) {
    return Combinators.residual(name, body);
  }

  public static Layer concat(String name, Layer... branches) {
    return Combinators.concat(name, branches);
  }

  /** 2-D convolution with bias, {@code SAME} padding. */
  public static Layer conv2d(String name, int filters, int kernel, int stride) {
    return conv2d(name, filters, kernel, stride, Padding.SAME);
  }

  /** 2-D convolution with bias. Parameters: {@code kernel [k, k, in, filters]}, {@code bias [filters]}. */
  public static Layer conv2d(String name, int filters, int kernel, int stride, Padding padding) {
    positive(name, "filters", filters);
    positive(name, "kernel", kernel);
    positive(name, "stride", stride);
    return new Layer(
        name,
        in -> {
          spatial(name, in);
          long channels = channels(name, in);
          long h = convOut(name, in.get(1), kernel, stride, padding);
          long w = convOut(name, in.get(2), kernel, stride, padding);
          var init = Initializers.fanInUniform(channels * kernel * kernel);
          return Init.of(Shape.of(in.get(0), h, w, filters), Map.of(
              "kernel", new ParamSpec(Shape.of(kernel, kernel, channels, filters), init),
              "bias", new ParamSpec(Shape.of(filters), init)));
        },
        (tf, vars, x, mode) -> {
          var kernelVar = vars.params().get("kernel");
          var bias = vars.params().get("bias");
          // The MatMul form reshapes back to the static height and width; without them, Conv2D.
          if (kernel == 1 && stride == 1 && x.shape().get(1) > 0 && x.shape().get(2) > 0) {
            return Out.of(pointwise(tf, x, kernelVar, bias));
          }
          var y = tf.nn.conv2d(x, kernelVar, List.of(1L, (long) stride, (long) stride, 1L), padding.name());
          return Out.of(tf.nn.biasAdd(y, bias));
        });
  }

  /**
   * Transposed 2-D convolution (TensorFlow's Conv2DBackpropInput: 1.5x faster than resize and
   * convolve here), SAME padding: output is {@code in * stride}. With kernel 4 and stride 2 it equals
   * PyTorch's {@code ConvTranspose2d(k=4, s=2, p=1)}. Parameters: {@code kernel [k, k, filters, in]},
   * {@code bias [filters]}.
   */
  public static Layer convTranspose2d(String name, int filters, int kernel, int stride) {
    positive(name, "filters", filters);
    positive(name, "kernel", kernel);
    positive(name, "stride", stride);
    return new Layer(
        name,
        in -> {
          long channels = channels(name, in);
          spatial(name, in);
          var init = Initializers.fanInUniform((long) filters * kernel * kernel);
          return Init.of(Shape.of(in.get(0), in.get(1) * stride, in.get(2) * stride, filters), Map.of(
              "kernel", new ParamSpec(Shape.of(kernel, kernel, filters, channels), init),
              "bias", new ParamSpec(Shape.of(filters), init)));
        },
        (tf, vars, x, mode) -> {
          Operand<TInt32> outShape = outputShape(tf, x, stride, filters);
          var y = tf.nn.conv2dBackpropInput(outShape, vars.params().get("kernel"), x,
              List.of(1L, (long) stride, (long) stride, 1L), "SAME");
          return Out.of(tf.nn.biasAdd(y, vars.params().get("bias")));
        });
  }

  /** Fully connected layer over the last axis: {@code kernel [in, units]}, {@code bias [units]}. */
  public static Layer dense(String name, int units) {
    positive(name, "units", units);
    return new Layer(
        name,
        in -> {
          long features = channels(name, in);
          var init = Initializers.fanInUniform(features);
          long[] dims = in.asArray();
          dims[dims.length - 1] = units;
          return Init.of(Shape.of(dims), Map.of(
              "kernel", new ParamSpec(Shape.of(features, units), init),
              "bias", new ParamSpec(Shape.of(units), init)));
        },
        (tf, vars, x, mode) -> {
          var kernel = vars.params().get("kernel");
          // Flatten leading axes to one so a plain MatMul serves any rank.
          var flat = tf.reshape(x, tf.constant(new long[] {-1, kernel.shape().get(0)}));
          var y = tf.nn.biasAdd(tf.linalg.matMul(flat, kernel), vars.params().get("bias"));
          var shape = tf.concat(List.of(
              tf.slice(tf.shape(x, TInt64.class), tf.constant(new long[] {0}), tf.constant(new long[] {x.shape().numDimensions() - 1})),
              tf.constant(new long[] {kernel.shape().get(1)})), tf.constant(0));
          return Out.of(tf.reshape(y, shape));
        });
  }

  public static Layer relu() {
    return Layer.stateless("relu", in -> in, (tf, x) -> tf.nn.relu(x));
  }

  public static Layer leakyRelu(float alpha) {
    return Layer.stateless("leaky_relu", in -> in, (tf, x) -> tf.nn.leakyRelu(x, LeakyRelu.alpha(alpha)));
  }

  public static Layer sigmoid() {
    return Layer.stateless("sigmoid", in -> in, (tf, x) -> tf.math.sigmoid(x));
  }

  public static Layer tanh() {
    return Layer.stateless("tanh", in -> in, (tf, x) -> tf.math.tanh(x));
  }

  /**
   * A 1x1, stride-1 convolution as one MatMul over all pixels (NHWC makes the reshapes free). Same
   * function and parameters as Conv2D, but its weight gradient becomes a single
   * {@code [in, pixels] x [pixels, out]} product: in the bench's traced step the four 64-to-64
   * Conv2DBackpropFilter ops took 3.4-4.5 ms each for 0.27 GFLOP, about a quarter of the rate of the
   * 3x3 convolutions next to them.
   */
  private static Operand<TFloat32> pointwise(Ops ops, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    // Named "pointwise/..." so FLOP counts (the bench's GraphFlops) can tell it from other matmuls.
    Ops tf = ops.withSubScope(POINTWISE_SCOPE);
    Shape in = x.shape();
    long channels = in.get(3);
    long filters = kernel.shape().get(3);
    var flat = tf.reshape(x, tf.constant(new long[] {-1, channels}));
    var y = tf.linalg.matMul(flat, tf.reshape(kernel, tf.constant(new long[] {channels, filters})));
    return tf.reshape(tf.nn.biasAdd(y, bias), tf.constant(new long[] {-1, in.get(1), in.get(2), filters}));
  }

  /** The output shape {@code [batch, h*stride, w*stride, filters]}; the batch is only known at run time. */
  private static Operand<TInt32> outputShape(Ops tf, Operand<TFloat32> x, int stride, int filters) {
    Shape in = x.shape();
    var batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    var rest = tf.constant(new int[] {(int) in.get(1) * stride, (int) in.get(2) * stride, filters});
    return tf.concat(List.of(batch, rest), tf.constant(0));
  }

  static long channels(String name, Shape in) {
    long c = in.get(in.numDimensions() - 1);
    if (c <= 0) {
      throw new IllegalArgumentException("layer '" + name + "': the last (channel) dimension of input " + in + " must be known");
    }
    return c;
  }

  static void spatial(String name, Shape in) {
    if (in.numDimensions() != 4 || in.get(1) <= 0 || in.get(2) <= 0) {
      throw new IllegalArgumentException("layer '" + name + "' needs a [batch, height, width, channels] input with known sizes, got " + in);
    }
  }

  static long convOut(String name, long size, int kernel, int stride, Padding padding) {
    if (size <= 0) {
      throw new IllegalArgumentException("layer '" + name + "': spatial sizes must be known, got " + size);
    }
    long out = padding == Padding.SAME ? (size + stride - 1) / stride : (size - kernel) / stride + 1;
    if (out <= 0) {
      throw new IllegalArgumentException("layer '" + name + "': kernel " + kernel + " does not fit an input of size " + size + " with VALID padding");
    }
    return out;
  }

  private static void positive(String name, String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("layer '" + name + "': " + what + " must be positive, got " + value);
    }
  }
}
