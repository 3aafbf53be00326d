package dev.hrvq.api;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Builds the initial value of one parameter. {@code seed} is a stateless-random seed of shape [2]
 * derived from the run seed and the parameter's path, so the value depends on nothing else: adding
 * a layer never changes another layer's initial values.
 */
@FunctionalInterface
public interface Initializer {
  Operand<TFloat32> create(Ops tf, Shape shape, Operand<TInt64> seed);
}
