package dev.hrvq.api;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * Runs a whole layer (a convolution stack) in bfloat16 while everything around it stays float32:
 * the input and the parameters are cast down once at the stack's entry, the output is cast back up
 * at its exit. The parameters themselves stay float32 (the optimizer's master weights); their
 * gradients come back through the casts as float32.
 *
 * <p>Why a whole stack and not op by op: casting around each convolution cost what the bfloat16
 * kernels saved (1.3x on a 3x3 convolution); inside one stack the activations stay bfloat16 from
 * end to end, so only the stack's input, output and weights are converted.
 *
 * <p>The Java type parameter of an operand is only a compile-time label: TensorFlow infers every
 * op's dtype from its inputs, so the layers inside build the same graph, in bfloat16, without
 * knowing it. This class is the one place that relabels, and its result is float32 again.
 */
public final class Bfloat16 {
  private Bfloat16() {}

  /** {@code layer} computed in bfloat16; same name, parameters, state and shapes, float32 in and out. */
  public static Layer of(Layer layer) {
    return new Layer(layer.name(), layer::init, (tf, vars, x, mode) -> {
      Out out = layer.apply(tf, vars(tf, vars), down(tf, x), mode);
      return new Out(tf.dtypes.cast(out.y(), TFloat32.class), out.state());
    });
  }

  /**
   * {@code vars} with every parameter cast to bfloat16 (state stays as it is): for code that runs
   * parts of a stack by hand, as {@link #of} runs the whole.
   */
  public static Vars vars(Ops tf, Vars vars) {
    return new Vars(vars.params().map((path, p) -> down(tf, p)), vars.state());
  }

  /**
   * {@code value} in the number format of {@code like}: what a layer that may run inside
   * {@link #of} uses for its float constants, since TensorFlow adds no implicit casts.
   */
  public static Operand<TFloat32> scalarLike(Ops tf, float value, Operand<TFloat32> like) {
    Operand<TFloat32> c = tf.constant(value);
    return like.type() == TFloat32.class ? c : tf.dtypes.cast(c, like.type());
  }

  /** {@code x} cast to bfloat16, labelled as the layers' operand type (see the class comment). */
  @SuppressWarnings("unchecked")
  public static Operand<TFloat32> down(Ops tf, Operand<TFloat32> x) {
    Operand<?> low = tf.dtypes.cast(x, TBfloat16.class);
    return (Operand<TFloat32>) low;
  }
}
