package dev.hrvq.api.runtime;

import dev.hrvq.api.Init;
import dev.hrvq.api.ParamSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the runtime needs to train a model: the variables it declares, its named inputs
 * (batch dimension -1) and its loss.
 */
public record Model(
    SortedMap<String, ParamSpec> params,
    SortedMap<String, ParamSpec> state,
    Map<String, InputSpec> inputs,
    LossFn loss) {

  public Model {
    params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    state = Collections.unmodifiableSortedMap(new TreeMap<>(state));
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
  }

  /** A model whose variables are those a layer (or layer tree) declared at init. */
  public static Model of(Init variables, Map<String, InputSpec> inputs, LossFn loss) {
    return new Model(variables.params(), variables.state(), inputs, loss);
  }
}
