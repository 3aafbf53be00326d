package dev.hrvq.losses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Named scalar loss terms and their sum, so every term can be logged on its own. */
public record Terms(Map<String, Operand<TFloat32>> named) {

  public Terms {
    named = Collections.unmodifiableMap(new LinkedHashMap<>(named));
  }

  public Operand<TFloat32> total(Ops tf) {
    return named.size() == 1 ? named.values().iterator().next() : tf.math.addN(new java.util.ArrayList<>(named.values()));
  }

  /** Both sets of terms; a name in both is an error. */
  public Terms plus(Terms other) {
    LinkedHashMap<String, Operand<TFloat32>> all = new LinkedHashMap<>(named);
    other.named.forEach((k, v) -> {
      if (all.putIfAbsent(k, v) != null) {
        throw new IllegalArgumentException("duplicate loss term '" + k + "'");
      }
    });
    return new Terms(all);
  }
}
