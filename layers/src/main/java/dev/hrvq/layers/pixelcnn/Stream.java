package dev.hrvq.layers.pixelcnn;

import dev.hrvq.api.Combinators;
import dev.hrvq.api.Init;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Out;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * The channel layout passed between gated blocks, {@code [vertical (hidden) | horizontal (hidden) |
 * class one-hot (classes)]}: a {@link Layer} has one input, so the two stacks and the condition
 * travel as channel groups of one tensor.
 *
 * <p>Only the horizontal group is causal in raster order; the vertical group at row i has seen all
 * of row i. Anything read out of a stream must therefore read the horizontal group.
 */
public final class Stream {
  private Stream() {}

  /** The horizontal group of a stream: {@code [B,H,W,2*hidden+classes] -> [B,H,W,hidden]}. */
  public static Layer horizontal(String name, int hidden, int classes) {
    return new Layer(
        name,
        in -> {
          check(name, in, hidden, classes);
          return Init.of(Shape.of(in.get(0), in.get(1), in.get(2), hidden));
        },
        (tf, vars, x, mode) -> Out.of(Channels.slice(tf, x, hidden, hidden)));
  }

  /**
   * Applies {@code inner} (which must keep the shape) to the horizontal group only and passes the
   * vertical group and the condition through; its parameters sit under {@code inner}'s name.
   */
  public static Layer onHorizontal(Layer inner, int hidden, int classes) {
    String name = inner.name();
    return new Layer(
        name,
        in -> {
          check(name, in, hidden, classes);
          Shape h = Shape.of(in.get(0), in.get(1), in.get(2), hidden);
          Init init = inner.init(h);
          if (!Combinators.sameShape(h, init.out())) {
            throw new IllegalArgumentException("layer '" + name + "' must keep the horizontal stack's shape " + h + ", got " + init.out());
          }
          return new Init(in, init.params(), init.state());
        },
        (tf, vars, x, mode) -> {
          var v = Channels.slice(tf, x, 0, hidden);
          Out out = inner.apply(tf, vars, Channels.slice(tf, x, hidden, hidden), mode);
          var parts = classes > 0
              ? List.of(v, out.y(), Channels.slice(tf, x, 2L * hidden, classes))
              : List.of(v, out.y());
          return new Out(Channels.concat(tf, parts), out.state());
        });
  }

  static void check(String name, Shape in, int hidden, int classes) {
    if (in.numDimensions() != 4 || in.get(1) <= 0 || in.get(2) <= 0 || in.get(3) != 2L * hidden + classes) {
      throw new IllegalArgumentException("layer '" + name + "' needs a gated stream [batch, height, width, 2*" + hidden
          + (classes > 0 ? "+" + classes : "") + "] (vertical | horizontal" + (classes > 0 ? " | class one-hot" : "")
          + "), got " + in);
    }
  }
}
