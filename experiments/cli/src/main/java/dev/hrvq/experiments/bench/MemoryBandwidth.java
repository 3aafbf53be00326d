package dev.hrvq.experiments.bench;

import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.api.runtime.Tensors;
import java.util.Arrays;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * What TensorFlow's own streaming kernels move per second on this machine, for bandwidth bounds of
 * memory-bound graphs such as the tree search ({@link QuantizerBench}).
 *
 * <p>Measured as TensorFlow ops, not as a Java array copy: the figure is meant to bound TF ops, so
 * it uses the same kernels (Eigen element-wise, vectorised), the same intra-op thread pool
 * ({@link SessionConfig}) and the same allocator. A Java {@code System.arraycopy} runs on one
 * thread and says nothing about what two threads of TF kernels reach.
 *
 * <p>The graph applies {@code k} element-wise ops (adding, then multiplying by, a fed 1) in a chain
 * to a fed {@code 256 MB} float tensor and sums the result. The first op allocates its output
 * (page faults on a buffer that size, which the tree search's 8-12 MB buffers, reused from the
 * heap, do not pay); each further op overwrites its input in place (TF forwards a buffer nothing
 * else reads), so it streams 256 MB in and 256 MB out and nothing else. The figure is the
 * difference between a chain of {@link #LONG_CHAIN} ops and one of 1, divided by the extra bytes:
 * allocation, the fetch, the sum and the session's own cost cancel out. 256 MB is 8x this
 * machine's 32 MB L3, so the figure is DRAM's, not a cache's.
 */
public final class MemoryBandwidth implements AutoCloseable {
  /** Floats in the tensor: 2^26, 256 MB. */
  static final int FLOATS = 1 << 26;
  /** Ops in the long chain; the short one has 1. */
  static final int LONG_CHAIN = 9;

  private final int floats;
  private final Graph graph = new Graph();
  private final Session session = new Session(graph, SessionConfig.get());
  private final TFloat32 data;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> one;
  private final TFloat32 oneValue = TFloat32.scalarOf(1f);
  private final Operand<TFloat32> shortChain;
  private final Operand<TFloat32> longChain;

  public MemoryBandwidth() {
    this(FLOATS);
  }

  /** With a tensor of {@code floats} floats instead of {@link #FLOATS} (for tests: no DRAM figure below 8x L3). */
  MemoryBandwidth(int floats) {
    this.floats = floats;
    float[] values = new float[floats];
    Arrays.fill(values, 0.5f);
    data = Tensors.of(values, floats);
    Ops tf = Ops.create(graph);
    x = tf.placeholder(TFloat32.class);
    one = tf.placeholder(TFloat32.class);
    shortChain = chain(tf, 1);
    longChain = chain(tf, LONG_CHAIN);
  }

  private Operand<TFloat32> chain(Ops tf, int ops) {
    Operand<TFloat32> y = x;
    for (int i = 0; i < ops; i++) {
      // Adds of a fed scalar alternating with multiplications by one: Grappler folds or reorders a
      // chain of one associative op with constants (x+1+1+1 -> x+3), which would leave one pass.
      y = i % 2 == 0 ? tf.math.add(y, one) : tf.math.mul(y, one);
    }
    return tf.sum(y, tf.constant(0));
  }

  /**
   * Bytes moved per second (read plus written) by TF element-wise kernels, in GB/s (10^9): the
   * median over {@code rounds} rounds ({@link #gbPerSecondOnce}), after one warm-up of each chain.
   */
  public double gbPerSecond(int rounds) {
    run(shortChain);
    run(longChain);
    double[] rates = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      rates[i] = gbPerSecondOnce();
    }
    return QuantizerBench.median(rates);
  }

  /**
   * One round: the short and the long chain timed twice each, alternately, keeping each one's
   * faster run (a run another process slowed down would otherwise shift the difference).
   */
  double gbPerSecondOnce() {
    double shortSeconds = run(shortChain);
    double longSeconds = run(longChain);
    shortSeconds = Math.min(shortSeconds, run(shortChain));
    longSeconds = Math.min(longSeconds, run(longChain));
    double extraBytes = 2.0 * Float.BYTES * floats * (LONG_CHAIN - 1);
    return extraBytes / Math.max(longSeconds - shortSeconds, 1e-9) / 1e9;
  }

  private double run(Operand<TFloat32> y) {
    long start = System.nanoTime();
    try (Result r = session.runner().feed(x, data).feed(one, oneValue).fetch(y).run()) {
      r.get(0);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    data.close();
    oneValue.close();
    session.close();
    graph.close();
  }

  /** Prints the figure: optional argument, the number of rounds (default 5). */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    try (MemoryBandwidth b = new MemoryBandwidth()) {
      for (int i = 0; i < rounds; i++) {
        System.out.printf("round %d: %.1f GB/s%n", i + 1, b.gbPerSecondOnce());
      }
      System.out.printf("median of %d: %.1f GB/s%n", rounds, b.gbPerSecond(rounds));
    }
  }
}
