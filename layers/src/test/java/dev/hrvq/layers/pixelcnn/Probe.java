package dev.hrvq.layers.pixelcnn;

import dev.hrvq.api.Init;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.api.ParamSpec;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.api.runtime.Tensors;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A layer in its own graph with its initializers' values as constants: its output for a given
 * input, and the gradient of {@code sum(w * output)} with respect to the input for a given w.
 */
final class Probe implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> w;
  private final Operand<TFloat32> y;
  private final Output<?> dx;
  private final Map<String, Operand<TFloat32>> state;
  final Shape in;
  final Shape out;

  Probe(Layer layer, Shape in, long seed, Mode mode) {
    this(layer, in, seed, mode, Map.of());
  }

  /** {@code stateValues}: overrides of state leaves (e.g. the dropout counter), else initial values. */
  Probe(Layer layer, Shape in, long seed, Mode mode, Map<String, Float> stateValues) {
    this.in = in;
    Init init = layer.init(in);
    long[] outDims = init.out().asArray();
    outDims[0] = in.get(0);
    this.out = Shape.of(outDims);
    graph = new Graph();
    try {
      session = new Session(graph, SessionConfig.get());
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    Ops tf = Ops.create(graph);
    Params params = values(tf, init.params(), seed, Map.of());
    Params stateIn = values(tf, init.state(), seed + 1, stateValues);
    x = tf.placeholder(TFloat32.class, Placeholder.shape(in));
    w = tf.placeholder(TFloat32.class, Placeholder.shape(out));
    var result = layer.apply(tf, new Vars(params, stateIn), x, mode);
    y = result.y();
    state = result.state().leaves();
    var loss = tf.sum(tf.math.mul(y, w), tf.constant(new int[] {0, 1, 2, 3}));
    dx = tf.gradients(loss, List.of(x)).dy().get(0);
  }

  /** Each spec's initializer value as a constant, seeded by {@code (seed, index)}; {@code overrides} fill a leaf with one value. */
  static Params values(Ops tf, Map<String, ParamSpec> specs, long seed, Map<String, Float> overrides) {
    TreeMap<String, Operand<TFloat32>> out = new TreeMap<>();
    int i = 0;
    for (var e : specs.entrySet()) {
      Float v = overrides.get(e.getKey());
      out.put(e.getKey(), v != null
          ? tf.fill(tf.constant(e.getValue().shape()), tf.constant(v))
          : e.getValue().init().create(tf, e.getValue().shape(), tf.constant(new long[] {seed, i})));
      i++;
    }
    return Params.of(out);
  }

  float[] output(float[] input) {
    return fetch(input, null, y);
  }

  /** d sum(weights * output) / d input. */
  float[] gradient(float[] input, float[] weights) {
    return fetch(input, weights, dx);
  }

  /** The new value of a state leaf the layer returned. */
  float[] state(float[] input, String path) {
    return fetch(input, null, state.get(path));
  }

  boolean returnsState() {
    return !state.isEmpty();
  }

  private float[] fetch(float[] input, float[] weights, Operand<?> target) {
    try (TFloat32 xt = Tensors.of(input, in.asArray());
        TFloat32 wt = Tensors.of(weights != null ? weights : new float[Math.toIntExact(out.size())], out.asArray());
        Result r = session.runner().feed(x, xt).feed(w, wt).fetch(target).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] v = new float[Math.toIntExact(t.size())];
      t.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
