package dev.hrvq.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.runtime.SessionConfig;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Test support: evaluates float operands of a graph and compares them with double references. */
public final class TfEval {
  private TfEval() {}

  /** Runs the graph once and copies every fetched float tensor to a row-major array. */
  public static float[][] run(Graph graph, List<? extends Operand<TFloat32>> fetches) {
    try (Session session = new Session(graph, SessionConfig.get())) {
      Session.Runner runner = session.runner();
      fetches.forEach(runner::fetch);
      try (Result result = runner.run()) {
        float[][] out = new float[fetches.size()][];
        for (int i = 0; i < fetches.size(); i++) {
          TFloat32 t = (TFloat32) result.get(i);
          out[i] = new float[Math.toIntExact(t.size())];
          t.copyTo(DataBuffers.of(out[i], false, false));
        }
        return out;
      }
    }
  }

  public static float[] run(Graph graph, Operand<TFloat32> fetch) {
    return run(graph, List.of(fetch))[0];
  }

  /** Element-wise |actual - expected| <= abs + rel * |expected|. */
  public static void assertClose(String what, float[] actual, double[] expected, double rel, double abs) {
    assertThat(actual).as(what + " length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i])
          .as("%s[%d]", what, i)
          .isCloseTo(expected[i], within(abs + rel * Math.abs(expected[i])));
    }
  }

  /** The float32-vs-double default: relative 1e-5, absolute 1e-6. */
  public static void assertClose(String what, float[] actual, double[] expected) {
    assertClose(what, actual, expected, 1e-5, 1e-6);
  }

  public static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
