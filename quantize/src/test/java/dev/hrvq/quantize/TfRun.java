package dev.hrvq.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.runtime.SessionConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Test support: one graph and (lazily) one session over it. Build operands with {@link #tf}, then
 * {@link #run} fetches them (optionally feeding float values to any operand: placeholders, or
 * intermediate tensors to hold them fixed). Close it with try-with-resources.
 */
final class TfRun implements AutoCloseable {
  final Graph graph = new Graph();
  final Ops tf = Ops.create(graph);
  private Session session;

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }

  Operand<TFloat32> constant(float[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  Operand<TInt64> constant(long[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  Placeholder<TFloat32> placeholder(long... shape) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
  }

  /** {@code layer<i>/codebook [m^(i-1), m, D]} constants from row-major values, one per layer. */
  Map<String, Operand<TFloat32>> codebooks(float[][] books, int m, int dim) {
    Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
    for (int i = 0; i < books.length; i++) {
      out.put("layer" + (i + 1) + "/codebook", constant(books[i], (long) Math.pow(m, i), m, dim));
    }
    return out;
  }

  /** Placeholders for {@code layer<i>/codebook [m^(i-1), m, D]}, one per layer. */
  Map<String, Placeholder<TFloat32>> codebookPlaceholders(int layers, int m, int dim) {
    Map<String, Placeholder<TFloat32>> out = new LinkedHashMap<>();
    for (int i = 0; i < layers; i++) {
      out.put("layer" + (i + 1) + "/codebook", placeholder((long) Math.pow(m, i), m, dim));
    }
    return out;
  }

  /** What one run fetched, copied to host arrays (row-major), with the shapes. */
  static final class Fetched {
    private final List<Object> values = new ArrayList<>();
    private final List<long[]> shapes = new ArrayList<>();

    float[] floats(int i) {
      return (float[]) values.get(i);
    }

    double[] doubles(int i) {
      return toDouble(floats(i));
    }

    long[] longs(int i) {
      return (long[]) values.get(i);
    }

    float scalar(int i) {
      float[] v = floats(i);
      assertThat(v).as("fetch %d is a scalar", i).hasSize(1);
      return v[0];
    }

    long[] shape(int i) {
      return shapes.get(i);
    }
  }

  Fetched run(Operand<?>... fetches) {
    return run(Map.of(), List.of(fetches));
  }

  /**
   * Runs the graph once. Every fed operand must have a fully known static shape; the values are
   * row-major float arrays of that shape.
   */
  Fetched run(Map<? extends Operand<TFloat32>, float[]> feeds, List<? extends Operand<?>> fetches) {
    if (session == null) {
      session = new Session(graph, SessionConfig.get());
    }
    List<Tensor> owned = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<? extends Operand<TFloat32>, float[]> f : feeds.entrySet()) {
        Shape shape = f.getKey().shape();
        if (shape.hasUnknownDimension()) {
          throw new IllegalArgumentException("fed operand " + f.getKey() + " has unknown shape " + shape);
        }
        TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(f.getValue(), true, false));
        owned.add(t);
        runner.feed(f.getKey(), t);
      }
      // A session run rejects fetching one output twice (e.g. layer 1's local and global codes):
      // fetch each distinct output once and hand it out at every position that asked for it.
      List<String> distinct = new ArrayList<>();
      int[] slot = new int[fetches.size()];
      for (int i = 0; i < fetches.size(); i++) {
        Output<?> o = fetches.get(i).asOutput();
        String name = o.op().name() + ":" + o.index();
        int at = distinct.indexOf(name);
        if (at < 0) {
          at = distinct.size();
          distinct.add(name);
          runner.fetch(o);
        }
        slot[i] = at;
      }
      Fetched out = new Fetched();
      try (Result result = runner.run()) {
        for (int i = 0; i < fetches.size(); i++) {
          Tensor t = result.get(slot[i]);
          out.shapes.add(t.shape().asArray());
          int size = Math.toIntExact(t.shape().size());
          if (t instanceof TFloat32 f) {
            float[] v = new float[size];
            f.copyTo(DataBuffers.of(v, false, false));
            out.values.add(v);
          } else if (t instanceof TInt64 l) {
            long[] v = new long[size];
            l.copyTo(DataBuffers.of(v, false, false));
            out.values.add(v);
          } else {
            throw new IllegalArgumentException("unsupported fetch type " + t.dataType());
          }
        }
      }
      return out;
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  /**
   * d y / d x for every x; an x without gradient (null from TF, or unreachable from y) gets zeros,
   * so "no gradient" and "zero gradient" read the same.
   */
  @SuppressWarnings("unchecked")
  List<Operand<TFloat32>> gradients(Operand<TFloat32> y, List<? extends Operand<TFloat32>> xs) {
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Operand<TFloat32> x : xs) {
      Output<?> dy;
      try {
        dy = tf.gradients(y, List.of(x)).dy().get(0);
      } catch (TFInvalidArgumentException e) {
        if (!String.valueOf(e.getMessage()).contains("unreachable")) {
          throw e;
        }
        dy = null;
      }
      out.add(absent(dy) ? tf.zerosLike(x) : (Operand<TFloat32>) dy);
    }
    return out;
  }

  /** TF Java hands back "no gradient" as null, or as an output whose operation has no native handle. */
  private static boolean absent(Output<?> dy) {
    if (dy == null || dy.op() == null) {
      return true;
    }
    try {
      dy.op().name();
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** Element-wise {@code |actual - expected| <= abs + rel * |expected|}, naming the first offender. */
  static void assertClose(String what, float[] actual, double[] expected, double rel, double abs) {
    assertThat(actual).as(what + " length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(abs + rel * Math.abs(expected[i])));
    }
  }

  /** float32 against a double reference: relative and absolute 1e-5. */
  static void assertClose(String what, float[] actual, double[] expected) {
    assertClose(what, actual, expected, 1e-5, 1e-5);
  }

  static Map<Operand<TFloat32>, float[]> feeds(Object... operandsAndValues) {
    Map<Operand<TFloat32>, float[]> m = new LinkedHashMap<>();
    for (int i = 0; i < operandsAndValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> op = (Operand<TFloat32>) operandsAndValues[i];
      m.put(op, (float[]) operandsAndValues[i + 1]);
    }
    return m;
  }
}
