package dev.hrvq.losses;

import dev.hrvq.api.runtime.SessionConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Test support (the losses module's own copy of quantize's TfRun, reduced to float operands):
 * one graph, one lazily started session, fetches copied to host arrays.
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

  /** Runs once; every fetch is a float tensor, returned row-major. */
  @SafeVarargs
  final float[][] run(Operand<TFloat32>... fetches) {
    if (session == null) {
      session = new Session(graph, SessionConfig.get());
    }
    Session.Runner runner = session.runner();
    for (Operand<TFloat32> f : fetches) {
      runner.fetch(f);
    }
    try (Result result = runner.run()) {
      float[][] out = new float[fetches.length][];
      for (int i = 0; i < fetches.length; i++) {
        TFloat32 t = (TFloat32) result.get(i);
        out[i] = new float[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(out[i], false, false));
      }
      return out;
    }
  }

  float scalar(Operand<TFloat32> fetch) {
    float[] v = run(fetch)[0];
    if (v.length != 1) {
      throw new AssertionError("not a scalar: " + v.length + " values");
    }
    return v[0];
  }

  /** d y / d x for every x, zeros where TF reports no gradient (null or a handle-less output). */
  @SuppressWarnings("unchecked")
  List<Operand<TFloat32>> gradients(Operand<TFloat32> y, List<? extends Operand<TFloat32>> xs) {
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Operand<TFloat32> x : xs) {
      Output<?> dy = tf.gradients(y, List.of(x)).dy().get(0);
      boolean absent = dy == null || dy.op() == null;
      if (!absent) {
        try {
          dy.op().name();
        } catch (IllegalStateException e) {
          absent = true;
        }
      }
      out.add(absent ? tf.zerosLike(x) : (Operand<TFloat32>) dy);
    }
    return out;
  }

  static float[] gaussian(java.util.Random random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  static double mse(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return s / a.length;
  }
}
