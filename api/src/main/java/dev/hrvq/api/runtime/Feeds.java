package dev.hrvq.api.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;

/**
 * Placeholders for declared inputs, and feeds checked against them before they reach TensorFlow,
 * which would explain less.
 */
final class Feeds {
  private final Map<String, Output<?>> placeholders;

  private Feeds(Map<String, Output<?>> placeholders) {
    this.placeholders = placeholders;
  }

  /** One placeholder per declared input, named after it. */
  static Feeds declare(Ops tf, Map<String, InputSpec> specs) {
    Map<String, Output<?>> out = new LinkedHashMap<>();
    specs.forEach((name, spec) -> out.put(name, tf.withName(name).placeholder(spec.type(), Placeholder.shape(spec.shape())).output()));
    return new Feeds(out);
  }

  /** The same placeholders in {@code graph}, a copy of the graph they were declared in. */
  Feeds rebind(Graph graph) {
    Map<String, Output<?>> out = new LinkedHashMap<>();
    placeholders.forEach((name, p) -> out.put(name, Rebind.same(graph, p)));
    return new Feeds(out);
  }

  Inputs inputs() {
    return new Inputs(new LinkedHashMap<String, Operand<?>>(placeholders));
  }

  Map<String, Output<?>> placeholders() {
    return placeholders;
  }

  void feed(Session.Runner runner, Map<String, ? extends Tensor> feeds, String what) {
    Set<String> unknown = new TreeSet<>(feeds.keySet());
    unknown.removeAll(placeholders.keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(what + ": unknown input(s) " + unknown + "; it takes " + placeholders.keySet());
    }
    placeholders.forEach((name, placeholder) -> {
      Tensor t = feeds.get(name);
      if (t == null) {
        throw new IllegalArgumentException(what + ": missing input '" + name + "' of shape " + placeholder.shape());
      }
      if (!placeholder.type().isInstance(t)) {
        throw new IllegalArgumentException(what + ": input '" + name + "' must be " + placeholder.type().getSimpleName()
            + ", got " + t.dataType());
      }
      if (!placeholder.shape().isCompatibleWith(t.shape())) {
        throw new IllegalArgumentException(
            what + ": input '" + name + "' has shape " + t.shape() + " but " + placeholder.shape() + " is expected (-1: any size)");
      }
      runner.feed(placeholder, t);
    });
  }
}
