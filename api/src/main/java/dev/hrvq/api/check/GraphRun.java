package dev.hrvq.api.check;

import dev.hrvq.api.runtime.Fetches;
import dev.hrvq.api.runtime.SessionConfig;
import java.util.ArrayList;
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
 * One graph and (lazily) one session over it, for checking ops against host-side references: build
 * operands with {@link #tf}, then {@link #run} copies what they evaluate to into host arrays
 * (optionally feeding float values to any operand: placeholders, or intermediate tensors to hold
 * them fixed). Every tensor it creates is closed; close the run itself with try-with-resources.
 */
public class GraphRun implements AutoCloseable {
  public final Graph graph = new Graph();
  public final Ops tf = Ops.create(graph);
  private Session session;

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }

  public Operand<TFloat32> constant(float[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public Operand<TInt64> constant(long[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  public Placeholder<TFloat32> placeholder(long... shape) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
  }

  /** What one run fetched, copied to host arrays (row-major), with the shapes. */
  public static final class Fetched {
    private final List<Object> values = new ArrayList<>();
    private final List<long[]> shapes = new ArrayList<>();

    public float[] floats(int i) {
      return (float[]) values.get(i);
    }

    public double[] doubles(int i) {
      return Close.toDouble(floats(i));
    }

    public long[] longs(int i) {
      return (long[]) values.get(i);
    }

    /** Fetch {@code i}, which must hold exactly one value. */
    public float scalar(int i) {
      float[] v = floats(i);
      if (v.length != 1) {
        throw new IllegalStateException("fetch " + i + " is not a scalar: " + v.length + " values, shape " + java.util.Arrays.toString(shape(i)));
      }
      return v[0];
    }

    public long[] shape(int i) {
      return shapes.get(i);
    }

    /** Every fetch in order: {@code float[]} or {@code long[]}. */
    public Object[] values() {
      return values.toArray();
    }
  }

  public Fetched run(Operand<?>... fetches) {
    return run(Map.of(), List.of(fetches));
  }

  public Fetched run(List<? extends Operand<?>> fetches) {
    return run(Map.of(), fetches);
  }

  /** Evaluates one float operand that holds a single value. */
  public float scalar(Operand<TFloat32> fetch) {
    return run(fetch).scalar(0);
  }

  /**
   * Runs the graph once. Every fed operand must have a fully known static shape; the values are
   * row-major float arrays of that shape. An output asked for twice is fetched once (a session run
   * rejects duplicates) and handed out at every position that asked for it.
   */
  public Fetched run(Map<? extends Operand<TFloat32>, float[]> feeds, List<? extends Operand<?>> fetches) {
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
      Fetches distinct = Fetches.of(fetches);
      distinct.addTo(runner);
      Fetched out = new Fetched();
      try (Result result = runner.run()) {
        for (int i = 0; i < fetches.size(); i++) {
          Tensor t = result.get(distinct.slot(i));
          out.shapes.add(t.shape().asArray());
          out.values.add(copy(t));
        }
      }
      return out;
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  private static Object copy(Tensor t) {
    int size = Math.toIntExact(t.shape().size());
    if (t instanceof TFloat32 f) {
      float[] v = new float[size];
      f.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
    if (t instanceof TInt64 l) {
      long[] v = new long[size];
      l.copyTo(DataBuffers.of(v, false, false));
      return v;
    }
    throw new IllegalArgumentException("unsupported fetch type " + t.dataType() + " (float32 and int64 are copied)");
  }

  /**
   * d y / d x for every x; an x without gradient (null from TF, or unreachable from y) gets zeros,
   * so "no gradient" and "zero gradient" read the same.
   */
  @SuppressWarnings("unchecked")
  public List<Operand<TFloat32>> gradients(Operand<TFloat32> y, List<? extends Operand<TFloat32>> xs) {
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
}
