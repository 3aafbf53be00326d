package dev.hrvq.golden;

import dev.hrvq.api.runtime.SessionConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Graph helpers: constants from host arrays, and one run copying every fetch to a host array. */
final class TfRun {
  private TfRun() {}

  static Operand<TFloat32> constant(Ops tf, float[] values, long... dims) {
    return tf.constant(Shape.of(dims), DataBuffers.of(values, true, false));
  }

  /**
   * Runs {@code graph} once; each result is a {@code float[]} or a {@code long[]}, row-major. An
   * output fetched twice (e.g. a flat quantizer's local and global codes) is fetched once.
   */
  static Object[] run(Graph graph, List<? extends Operand<?>> fetches) {
    Map<Output<?>, Integer> distinct = new LinkedHashMap<>();
    for (Operand<?> f : fetches) {
      distinct.putIfAbsent(f.asOutput(), distinct.size());
    }
    try (Session session = new Session(graph, SessionConfig.get())) {
      Session.Runner runner = session.runner();
      distinct.keySet().forEach(runner::fetch);
      try (Result result = runner.run()) {
        Object[] out = new Object[fetches.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = copy(result.get(distinct.get(fetches.get(i).asOutput())));
        }
        return out;
      }
    }
  }

  private static Object copy(Tensor t) {
    int size = Math.toIntExact(t.shape().size());
    if (t instanceof TFloat32 f) {
      float[] a = new float[size];
      f.copyTo(DataBuffers.of(a, false, false));
      return a;
    }
    if (t instanceof TInt64 l) {
      long[] a = new long[size];
      l.copyTo(DataBuffers.of(a, false, false));
      return a;
    }
    throw new IllegalArgumentException("unexpected tensor type " + t.dataType());
  }
}
