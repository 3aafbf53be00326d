package dev.hrvq.api;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Layers made of layers. Each child's parameters live under the child's name, so
 * {@code serial("enc", conv2d("c1", ...))} declares {@code c1/kernel} and, placed in a model, becomes
 * {@code enc/c1/kernel}.
 */
public final class Combinators {
  private Combinators() {}

  /** Applies the layers one after another. */
  public static Layer serial(String name, Layer... layers) {
    List<Layer> children = List.of(layers);
    return new Layer(
        name,
        in -> {
          Shape shape = in;
          Children specs = new Children(name);
          for (Layer child : children) {
            shape = specs.add(child, shape);
          }
          return specs.toInit(shape);
        },
        (tf, vars, x, mode) -> {
          Operand<TFloat32> y = x;
          Params state = Params.empty();
          for (Layer child : children) {
            Out out = Children.apply(tf, child, vars, y, mode);
            y = out.y();
            state = state.merge(out.state());
          }
          return new Out(y, state);
        });
  }

  /**
   * {@code x + body(x)}, where body is the given layers in series; their parameters sit directly
   * under this layer's name. Init fails unless the body keeps the shape.
   */
  public static Layer residual(String name, Layer... body) {
    Layer inner = serial(name, body);
    return new Layer(
        name,
        in -> {
          Init init = inner.init(in);
          if (!sameShape(in, init.out())) {
            throw new IllegalArgumentException(
                "residual '" + name + "': its body maps shape " + in + " to " + init.out()
                    + "; a residual connection needs the body to keep the shape");
          }
          return init;
        },
        (tf, vars, x, mode) -> {
          Out out = inner.apply(tf, vars, x, mode);
          return new Out(tf.math.add(x, out.y()), out.state());
        });
  }

  /**
   * Applies every branch to the same input and concatenates the outputs along the last axis
   * (channels); all other dimensions must agree.
   */
  public static Layer concat(String name, Layer... branches) {
    List<Layer> children = List.of(branches);
    return new Layer(
        name,
        in -> {
          Children specs = new Children(name);
          Shape first = null;
          long channels = 0;
          for (Layer child : children) {
            Shape out = specs.add(child, in);
            if (first == null) {
              first = out;
            } else if (first.numDimensions() != out.numDimensions()
                || !sameShape(first.take(first.numDimensions() - 1), out.take(out.numDimensions() - 1))) {
              throw new IllegalArgumentException(
                  "concat '" + name + "': branch '" + child.name() + "' outputs " + out
                      + " but the first branch outputs " + first + "; only the last axis may differ");
            }
            channels += out.get(out.numDimensions() - 1);
          }
          if (first == null) {
            throw new IllegalArgumentException("concat '" + name + "' needs at least one branch");
          }
          long[] dims = first.asArray();
          dims[dims.length - 1] = channels;
          return specs.toInit(Shape.of(dims));
        },
        (tf, vars, x, mode) -> {
          List<Operand<TFloat32>> ys = new ArrayList<>();
          Params state = Params.empty();
          for (Layer child : children) {
            Out out = Children.apply(tf, child, vars, x, mode);
            ys.add(out.y());
            state = state.merge(out.state());
          }
          return new Out(tf.concat(ys, tf.constant(-1)), state);
        });
  }

  /** Shapes agree where both are known (an unknown batch dimension matches anything). */
  public static boolean sameShape(Shape a, Shape b) {
    if (a.numDimensions() != b.numDimensions()) {
      return false;
    }
    for (int i = 0; i < a.numDimensions(); i++) {
      long x = a.get(i);
      long y = b.get(i);
      if (x >= 0 && y >= 0 && x != y) {
        return false;
      }
    }
    return true;
  }
}
