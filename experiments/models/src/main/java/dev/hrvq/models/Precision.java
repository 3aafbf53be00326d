package dev.hrvq.models;

import dev.hrvq.api.Bfloat16;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Vars;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import java.util.Locale;

/**
 * The number format of a model's convolution stacks (encoders, decoders, the prior's network) and
 * their gradients. Everything else is float32 in both: the parameters and optimizer state, the
 * whole quantizer (distances, argmin, gathers, EMA, histograms), the losses and the metrics; see
 * {@link Bfloat16} for where the casts sit and why.
 */
public enum Precision {
  /** Everything in float32: the golden suite's precision, the same kind of numbers on every machine. */
  FP32,
  /** Convolution stacks in bfloat16 (fast with Intel AMX; emulated, slower, without it). */
  BF16;

  /** {@code stack} as this precision computes it: unchanged for FP32. */
  public Layer stack(Layer stack) {
    return this == BF16 ? Bfloat16.of(stack) : stack;
  }

  /** {@code vars}' parameters as a stack of this precision reads them (see {@link Bfloat16#vars}). */
  public Vars vars(Ops tf, Vars vars) {
    return this == BF16 ? Bfloat16.vars(tf, vars) : vars;
  }

  /** {@code x} entering a stack of this precision. */
  public Operand<TFloat32> in(Ops tf, Operand<TFloat32> x) {
    return this == BF16 ? Bfloat16.down(tf, x) : x;
  }

  /** {@code y} leaving a stack of this precision, in float32. */
  public Operand<TFloat32> out(Ops tf, Operand<TFloat32> y) {
    return this == BF16 ? tf.dtypes.cast(y, TFloat32.class) : y;
  }

  /** {@code fp32} or {@code bf16}, as configs spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The precision a config names ({@code fp32}, {@code bf16}); {@code auto} is resolved by the caller. */
  public static Precision fromLabel(String label) {
    for (Precision p : values()) {
      if (p.label().equals(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException("precision '" + label + "' is not one of fp32, bf16");
  }
}
