package dev.hrvq.api.runtime;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Checks feeds against declared inputs before they reach TensorFlow, which would explain less. */
final class Feeds {
  private Feeds() {}

  static void feed(Session.Runner runner, Map<String, Placeholder<TFloat32>> inputs, Map<String, ? extends Tensor> feeds, String what) {
    Set<String> unknown = new TreeSet<>(feeds.keySet());
    unknown.removeAll(inputs.keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(what + ": unknown input(s) " + unknown + "; it takes " + inputs.keySet());
    }
    inputs.forEach((name, placeholder) -> {
      Tensor t = feeds.get(name);
      if (t == null) {
        throw new IllegalArgumentException(what + ": missing input '" + name + "' of shape " + placeholder.shape());
      }
      if (!(t instanceof TFloat32)) {
        throw new IllegalArgumentException(what + ": input '" + name + "' must be float32, got " + t.dataType());
      }
      Shape expected = placeholder.shape();
      if (!expected.isCompatibleWith(t.shape())) {
        throw new IllegalArgumentException(
            what + ": input '" + name + "' has shape " + t.shape() + " but " + expected + " is expected (-1: any size)");
      }
      runner.feed(placeholder, t);
    });
  }
}
