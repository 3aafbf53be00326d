package dev.hrvq.api;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tensorflow.ndarray.Shape;

/**
 * What a layer's init returns: its output shape and the specs of its parameters (trained by the
 * optimizer) and of its state (updated by the layer itself), keyed by path relative to the layer.
 */
public record Init(Shape out, SortedMap<String, ParamSpec> params, SortedMap<String, ParamSpec> state) {

  public Init {
    params = ImmutableSortedMap.copyOf(params);
    state = ImmutableSortedMap.copyOf(state);
    params.keySet().forEach(Paths::check);
    state.keySet().forEach(Paths::check);
  }

  /** A layer without parameters or state. */
  public static Init of(Shape out) {
    return new Init(out, new TreeMap<>(), new TreeMap<>());
  }

  public static Init of(Shape out, Map<String, ParamSpec> params) {
    return new Init(out, new TreeMap<>(params), new TreeMap<>());
  }

  public boolean hasVariables() {
    return !params.isEmpty() || !state.isEmpty();
  }
}
