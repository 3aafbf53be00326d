package dev.hrvq.api.runtime;

import dev.hrvq.api.Params;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A loss: the scalar to minimise, every named scalar term worth logging (the runtime reports
 * them each step), and new values for model state.
 */
public record Loss(Operand<TFloat32> total, Map<String, Operand<TFloat32>> terms, Params state) {
  public Loss {
    terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    if (terms.containsKey("loss")) {
      throw new IllegalArgumentException("the term name 'loss' is reserved for the total");
    }
  }

  public static Loss of(Operand<TFloat32> total) {
    return new Loss(total, Map.of(), Params.empty());
  }
}
