package dev.hrvq.models;

import dev.hrvq.api.Init;
import dev.hrvq.api.Layer;
import dev.hrvq.api.ParamSpec;
import dev.hrvq.quantize.Quantizer;
import java.util.TreeMap;
import org.tensorflow.ndarray.Shape;

/**
 * Collects the parameter and state specs of a model's named parts (encoder, quantizer, decoder...)
 * under their names, threading shapes: the model-level counterpart of a layer's init.
 */
final class Assembly {
  private final TreeMap<String, ParamSpec> params = new TreeMap<>();
  private final TreeMap<String, ParamSpec> state = new TreeMap<>();

  /** Adds a layer's specs under its name and returns its output shape. */
  Shape add(Layer layer, Shape in) {
    return add(layer.name(), layer.init(in));
  }

  /** Adds a quantizer's specs under {@code name}. */
  Shape add(String name, Quantizer q, Shape latents) {
    return add(name, q.init(latents));
  }

  private Shape add(String name, Init init) {
    init.params().forEach((k, v) -> put(params, name + "/" + k, v));
    init.state().forEach((k, v) -> put(state, name + "/" + k, v));
    return init.out();
  }

  private static void put(TreeMap<String, ParamSpec> into, String path, ParamSpec spec) {
    if (into.putIfAbsent(path, spec) != null) {
      throw new IllegalArgumentException("two parts of the model declare '" + path + "'");
    }
  }

  Init toInit(Shape out) {
    return new Init(out, params, state);
  }
}
