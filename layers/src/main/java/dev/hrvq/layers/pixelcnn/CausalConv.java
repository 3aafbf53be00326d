package dev.hrvq.layers.pixelcnn;

import dev.hrvq.api.Init;
import dev.hrvq.api.Initializers;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Out;
import dev.hrvq.api.ParamSpec;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/**
 * The two causal convolutions of the gated PixelCNN without blind spot, built by padding and
 * cropping rather than by masking a k x k kernel.
 *
 * <p>Why not masks: a masked k x k kernel carries parameters that can never matter (about half of
 * them), which checkpoints, parameter counts and gradient checks would then all see; here the
 * kernel has exactly the causal support, so causality follows from the shapes alone and every
 * parameter is live.
 *
 * <ul>
 *   <li>{@link #vertical}: a {@code (k/2+1) x k} kernel over rows {@code i-k/2 .. i} (padded k/2
 *       rows on top, k/2 columns on each side). Its output at row i sees rows up to and including
 *       i, so it must be {@link Channels#shiftDown shifted down} one row before it may reach the
 *       horizontal stack; {@link GatedBlock} does that.
 *   <li>{@link #horizontal}: a {@code 1 x (k/2+1)} kernel over columns {@code j-k/2 .. j} of the
 *       same row (mask B); for mask A the input is first shifted right one column, so the output
 *       at j sees columns {@code j-1-k/2 .. j-1} and never the pixel itself.
 * </ul>
 */
public final class CausalConv {
  private CausalConv() {}

  /** Vertical-stack convolution: parameters {@code kernel [k/2+1, k, in, filters]}, {@code bias [filters]}. */
  public static Layer vertical(String name, int filters, int kernel) {
    checkArgs(name, filters, kernel);
    int half = kernel / 2;
    return new Layer(
        name,
        in -> specs(name, in, filters, half + 1, kernel),
        (tf, vars, x, mode) -> {
          var padded = Channels.padSpatial(tf, x, half, 0, half, half);
          return Out.of(Channels.convValid(tf, padded, vars.params().get("kernel"), vars.params().get("bias")));
        });
  }

  /** Horizontal-stack convolution: parameters {@code kernel [1, k/2+1, in, filters]}, {@code bias [filters]}. */
  public static Layer horizontal(String name, int filters, int kernel, MaskType mask) {
    checkArgs(name, filters, kernel);
    int half = kernel / 2;
    return new Layer(
        name,
        in -> specs(name, in, filters, 1, half + 1),
        (tf, vars, x, mode) -> {
          var source = mask == MaskType.A ? Channels.shiftRight(tf, x) : x;
          var padded = Channels.padSpatial(tf, source, 0, 0, half, 0);
          return Out.of(Channels.convValid(tf, padded, vars.params().get("kernel"), vars.params().get("bias")));
        });
  }

  private static Init specs(String name, Shape in, int filters, int kh, int kw) {
    if (in.numDimensions() != 4 || in.get(1) <= 0 || in.get(2) <= 0 || in.get(3) <= 0) {
      throw new IllegalArgumentException(
          "layer '" + name + "' needs a [batch, height, width, channels] input with known sizes, got " + in);
    }
    long channels = in.get(3);
    var init = Initializers.fanInUniform(channels * kh * kw);
    return Init.of(Shape.of(in.get(0), in.get(1), in.get(2), filters), Map.of(
        "kernel", new ParamSpec(Shape.of(kh, kw, channels, filters), init),
        "bias", new ParamSpec(Shape.of(filters), init)));
  }

  static void checkArgs(String name, int filters, int kernel) {
    if (filters <= 0) {
      throw new IllegalArgumentException("layer '" + name + "': filters must be positive, got " + filters);
    }
    // An even kernel has no centre column, so "the columns left of the pixel" would be lopsided.
    if (kernel <= 0 || kernel % 2 == 0) {
      throw new IllegalArgumentException("layer '" + name + "': kernel must be odd and positive, got " + kernel);
    }
  }
}
