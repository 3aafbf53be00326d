package dev.hrvq.quantize;

import dev.hrvq.api.check.Close;
import dev.hrvq.api.check.GraphRun;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Test support: {@link GraphRun} plus the quantizer's codebook layout and this module's default tolerance. */
final class TfRun extends GraphRun {

  /** {@code layer<i>/codebook [m^(i-1), m, D]} constants from row-major values, one per layer. */
  Map<String, Operand<TFloat32>> codebooks(float[][] books, int m, int dim) {
    Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
    for (int i = 0; i < books.length; i++) {
      out.put(HierarchicalQuantizer.codebookPath(i + 1), constant(books[i], (long) Math.pow(m, i), m, dim));
    }
    return out;
  }

  /** Placeholders for {@code layer<i>/codebook [m^(i-1), m, D]}, one per layer. */
  Map<String, Placeholder<TFloat32>> codebookPlaceholders(int layers, int m, int dim) {
    Map<String, Placeholder<TFloat32>> out = new LinkedHashMap<>();
    for (int i = 0; i < layers; i++) {
      out.put(HierarchicalQuantizer.codebookPath(i + 1), placeholder((long) Math.pow(m, i), m, dim));
    }
    return out;
  }

  static double[] toDouble(float[] values) {
    return Close.toDouble(values);
  }

  static void assertClose(String what, float[] actual, double[] expected, double abs, double rel) {
    Close.assertClose(what, actual, expected, abs, rel);
  }

  /** float32 against a double reference: relative and absolute 1e-5. */
  static void assertClose(String what, float[] actual, double[] expected) {
    Close.assertClose(what, actual, expected, 1e-5, 1e-5);
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
