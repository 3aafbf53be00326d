package dev.hrvq.experiments.bench;

import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.models.Precision;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * An n x n matmul in its own graph and session: what this machine's cores reach in practice (the
 * practical peak the bench compares against), in float32 (sgemm) or bfloat16 (AMX where the CPU
 * has it). The operand is fed once per run (cast to bfloat16 in the graph: n² next to n³) and the
 * product is summed to a scalar, so the fetch costs nothing next to the 2n³ FLOPs.
 */
final class Sgemm implements AutoCloseable {
  private final int n;
  private final Graph graph = new Graph();
  private final Session session = new Session(graph, SessionConfig.get());
  private final TFloat32 a;
  private final Operand<TFloat32> x;
  private final Operand<TFloat32> y;

  Sgemm(int n) {
    this(n, Precision.FP32);
  }

  Sgemm(int n, Precision precision) {
    this.n = n;
    this.a = Tensors.of(Bench.random(n * n, 3), n, n);
    Ops tf = Ops.create(graph);
    this.x = tf.placeholder(TFloat32.class);
    if (precision == Precision.BF16) {
      var low = tf.dtypes.cast(x, TBfloat16.class);
      this.y = tf.sum(tf.dtypes.cast(tf.linalg.matMul(low, low), TFloat32.class), tf.constant(new int[] {0, 1}));
    } else {
      this.y = tf.sum(tf.linalg.matMul(x, x), tf.constant(new int[] {0, 1}));
    }
  }

  /** FLOPs of one product. */
  double flops() {
    return 2.0 * n * n * n;
  }

  /** Mean seconds per product over {@code reps} products. */
  double seconds(int reps) {
    long start = System.nanoTime();
    for (int i = 0; i < reps; i++) {
      try (Result r = session.runner().feed(x, a).fetch(y).run()) {
        r.get(0);
      }
    }
    return (System.nanoTime() - start) / 1e9 / reps;
  }

  @Override
  public void close() {
    a.close();
    session.close();
    graph.close();
  }
}
