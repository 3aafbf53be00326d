package dev.hrvq.api.runtime;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/** A named input of a model or function: its shape (-1 for any size) and element type. */
public record InputSpec(Shape shape, Class<? extends TNumber> type) {

  /** Float32 input, e.g. images {@code floats(-1, 32, 32, 1)}. */
  public static InputSpec floats(long... dims) {
    return new InputSpec(Shape.of(dims), TFloat32.class);
  }

  public static InputSpec floats(Shape shape) {
    return new InputSpec(shape, TFloat32.class);
  }

  /** Int64 input, e.g. codes {@code longs(-1, 16, 16)}. */
  public static InputSpec longs(long... dims) {
    return new InputSpec(Shape.of(dims), TInt64.class);
  }

  public static InputSpec longs(Shape shape) {
    return new InputSpec(shape, TInt64.class);
  }
}
