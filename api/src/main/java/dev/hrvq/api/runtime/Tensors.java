package dev.hrvq.api.runtime;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Host arrays to tensors. The caller owns (and must close) every tensor returned. */
public final class Tensors {
  private Tensors() {}

  /** A float tensor of the given shape holding {@code values} in row-major order. */
  public static TFloat32 of(float[] values, long... dims) {
    Shape shape = Shape.of(dims);
    if (shape.size() != values.length) {
      throw new IllegalArgumentException(
          "shape " + shape + " needs " + shape.size() + " values but " + values.length + " were given");
    }
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }
}
