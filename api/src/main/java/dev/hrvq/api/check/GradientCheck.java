package dev.hrvq.api.check;

import dev.hrvq.api.Init;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.api.ParamSpec;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.api.runtime.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Checks a layer's symbolic gradients against central finite differences, with respect to its
 * input and every parameter. The scalar checked is {@code sum(w * layer(x))} for a fixed random
 * {@code w}, summed in float64 so rounding does not drown the differences. Parameters take their
 * layer's own initial values. Where a relu kink falls inside the probe interval, a one-sided
 * difference on the smooth side also counts as agreement.
 *
 * <p>Use it when you add a layer: {@code GradientCheck.of(layer, Shape.of(2, 8, 8, 3)).run().assertClose()}.
 */
public final class GradientCheck {
  private final Layer layer;
  private final Shape inputShape;
  private long seed = 1;
  private float eps = 1e-3f;
  private int samplesPerTensor = 12;
  private double absTolerance = 2e-3;
  private double relTolerance = 2e-2;

  private GradientCheck(Layer layer, Shape inputShape) {
    if (inputShape.hasUnknownDimension()) {
      throw new IllegalArgumentException("the checked input shape must be fully known, got " + inputShape);
    }
    this.layer = layer;
    this.inputShape = inputShape;
  }

  public static GradientCheck of(Layer layer, Shape inputShape) {
    return new GradientCheck(layer, inputShape);
  }

  public GradientCheck seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** The finite-difference step (default 1e-3). */
  public GradientCheck eps(float eps) {
    this.eps = eps;
    return this;
  }

  public GradientCheck samplesPerTensor(int n) {
    this.samplesPerTensor = n;
    return this;
  }

  public GradientCheck tolerance(double abs, double rel) {
    this.absTolerance = abs;
    this.relTolerance = rel;
    return this;
  }

  /** One compared coordinate. */
  public record Entry(String tensor, int index, double analytic, double numeric, boolean ok) {}

  /** Every compared coordinate; {@link #assertClose()} fails naming the first that disagrees. */
  public record Report(List<Entry> entries) {
    public void assertClose() {
      for (Entry e : entries) {
        if (!e.ok()) {
          throw new AssertionError(String.format(
              "gradient of '%s' at flat index %d: analytic %.6g, finite difference %.6g (%d coordinates checked)",
              e.tensor(), e.index(), e.analytic(), e.numeric(), entries.size()));
        }
      }
    }

    public double maxAbsError() {
      return entries.stream().mapToDouble(e -> Math.abs(e.analytic() - e.numeric())).max().orElse(0);
    }
  }

  public Report run() {
    Random random = new Random(seed);
    Init init = layer.init(inputShape);
    if (!init.state().isEmpty()) {
      throw new IllegalArgumentException("gradient checks cover layers without state");
    }
    // The values at which gradients are compared: the input and every parameter, by name.
    Map<String, float[]> values = new LinkedHashMap<>();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    values.put("input", gaussian(random, inputShape.size(), 1.0));
    shapes.put("input", inputShape);
    for (Map.Entry<String, ParamSpec> e : init.params().entrySet()) {
      values.put(e.getKey(), initialValue(e.getValue(), random.nextLong()));
      shapes.put(e.getKey(), e.getValue().shape());
    }
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfig.get())) {
      Ops tf = Ops.create(g);
      Map<String, Placeholder<TFloat32>> feeds = new LinkedHashMap<>();
      shapes.forEach((name, shape) -> feeds.put(name, tf.placeholder(TFloat32.class, Placeholder.shape(shape))));
      TreeMap<String, Operand<TFloat32>> params = new TreeMap<>(feeds);
      params.remove("input");
      Operand<TFloat32> y = layer.apply(tf, Vars.of(Params.of(params)), feeds.get("input"), Mode.TRAIN).y();
      long outSize = outputSize(s, feeds, values, y);
      Operand<TFloat64> w = tf.constant(DataBuffersShape.doubles(gaussian(random, outSize, 1.0)));
      Operand<TFloat64> loss = tf.sum(tf.math.mul(tf.reshape(tf.dtypes.cast(y, TFloat64.class), tf.constant(new long[] {-1})), w), tf.constant(0));
      List<Output<?>> grads = tf.gradients(loss, new ArrayList<>(feeds.values())).dy();

      List<Entry> entries = new ArrayList<>();
      float[][] analytic = analyticGradients(s, feeds, values, grads);
      int t = 0;
      for (String name : feeds.keySet()) {
        float[] v = values.get(name);
        for (int i : sample(random, v.length)) {
          float keep = v[i];
          v[i] = keep + eps;
          double plus = evaluate(s, feeds, values, loss);
          v[i] = keep - eps;
          double minus = evaluate(s, feeds, values, loss);
          v[i] = keep;
          double a = analytic[t][i];
          double numeric = (plus - minus) / (2.0 * eps);
          boolean ok = close(a, numeric);
          if (!ok) {
            // A relu kink inside (x-eps, x+eps) spoils the central difference; the one-sided
            // difference on the kink-free side is then the derivative at x.
            double centre = evaluate(s, feeds, values, loss);
            ok = close(a, (plus - centre) / eps) || close(a, (centre - minus) / eps);
          }
          entries.add(new Entry(name, i, a, numeric, ok));
        }
        t++;
      }
      return new Report(entries);
    }
  }

  /** A parameter at its layer's own initial scale: deep stacks at arbitrary scales cross relu kinks. */
  private static float[] initialValue(ParamSpec spec, long seed) {
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfig.get())) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> value = spec.init().create(tf, spec.shape(), tf.constant(new long[] {seed, 0}));
      try (Result r = s.runner().fetch(value).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] out = new float[Math.toIntExact(t.size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
      }
    }
  }

  private boolean close(double analytic, double numeric) {
    return Math.abs(analytic - numeric) <= absTolerance + relTolerance * Math.max(Math.abs(analytic), Math.abs(numeric));
  }

  private int[] sample(Random random, int n) {
    int k = Math.min(n, samplesPerTensor);
    return random.ints(0, n).distinct().limit(k).toArray();
  }

  private static float[] gaussian(Random random, long n, double scale) {
    float[] out = new float[Math.toIntExact(n)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (random.nextGaussian() * scale);
    }
    return out;
  }

  private static Session.Runner fed(Session s, Map<String, Placeholder<TFloat32>> feeds, Map<String, float[]> values, List<Tensor> owned) {
    Session.Runner r = s.runner();
    feeds.forEach((name, p) -> {
      TFloat32 t = Tensors.of(values.get(name), p.shape().asArray());
      owned.add(t);
      r.feed(p, t);
    });
    return r;
  }

  private static long outputSize(Session s, Map<String, Placeholder<TFloat32>> feeds, Map<String, float[]> values, Operand<TFloat32> y) {
    List<Tensor> owned = new ArrayList<>();
    try (Result r = fed(s, feeds, values, owned).fetch(y).run()) {
      return r.get(0).shape().size();
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  private static double evaluate(Session s, Map<String, Placeholder<TFloat32>> feeds, Map<String, float[]> values, Operand<TFloat64> loss) {
    List<Tensor> owned = new ArrayList<>();
    try (Result r = fed(s, feeds, values, owned).fetch(loss).run()) {
      return ((TFloat64) r.get(0)).getDouble();
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  private static float[][] analyticGradients(Session s, Map<String, Placeholder<TFloat32>> feeds, Map<String, float[]> values, List<Output<?>> grads) {
    List<Tensor> owned = new ArrayList<>();
    Session.Runner runner = fed(s, feeds, values, owned);
    grads.forEach(runner::fetch);
    try (Result r = runner.run()) {
      float[][] out = new float[grads.size()][];
      for (int i = 0; i < grads.size(); i++) {
        TFloat32 g = (TFloat32) r.get(i);
        out[i] = new float[Math.toIntExact(g.size())];
        g.copyTo(DataBuffers.of(out[i], false, false));
      }
      return out;
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  /** float64 vectors for constants. */
  private static final class DataBuffersShape {
    static org.tensorflow.ndarray.DoubleNdArray doubles(float[] values) {
      double[] d = new double[values.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = values[i];
      }
      return org.tensorflow.ndarray.NdArrays.wrap(Shape.of(d.length), DataBuffers.of(d, true, false));
    }
  }
}
