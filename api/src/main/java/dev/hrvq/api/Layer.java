package dev.hrvq.api;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A layer as a pair of pure functions, after jax's stax: {@code init} maps an input shape (batch
 * dimension -1) to the output shape and the layer's parameter/state specs; {@code apply} builds the
 * layer's graph from explicit variables. A layer holds no variables and no session.
 *
 * <p>{@code name} is the path segment under which a container (serial, residual, concat) places this
 * layer's parameters; paths inside the layer are relative to it.
 */
public record Layer(String name, InitFn init, ApplyFn apply) {

  public Layer {
    Paths.check(name);
  }

  /** Shape inference and parameter declaration. */
  @FunctionalInterface
  public interface InitFn {
    Init init(Shape in);
  }

  /** The forward computation: a pure function of its operands. */
  @FunctionalInterface
  public interface ApplyFn {
    Out apply(Ops tf, Vars vars, Operand<TFloat32> x, Mode mode);
  }

  /** A layer without parameters: only its output shape and a function of the input. */
  public static Layer stateless(String name, java.util.function.UnaryOperator<Shape> outShape, Fn fn) {
    return new Layer(name, in -> Init.of(outShape.apply(in)), (tf, v, x, mode) -> Out.of(fn.apply(tf, x)));
  }

  /** An element-wise function of the input. */
  @FunctionalInterface
  public interface Fn {
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x);
  }

  public Init init(Shape in) {
    return init.init(in);
  }

  public Out apply(Ops tf, Vars vars, Operand<TFloat32> x, Mode mode) {
    return apply.apply(tf, vars, x, mode);
  }
}
