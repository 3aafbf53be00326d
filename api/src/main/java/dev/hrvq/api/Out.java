package dev.hrvq.api;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a layer's apply returns: its output and new values for any of its state leaves (the
 * runtime assigns them after a training step; leaves it does not mention keep their value).
 */
public record Out(Operand<TFloat32> y, Params state) {
  public static Out of(Operand<TFloat32> y) {
    return new Out(y, Params.empty());
  }
}
