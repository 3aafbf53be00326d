package dev.hrvq.api.runtime;

import dev.hrvq.api.Params;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A loss: the scalar to minimise, every named scalar term worth logging (the runtime reports
 * them each step), new values for model state, and the batch sums that further state and terms
 * are computed from.
 *
 * <p>The total and the terms must be means over the batch's rows: a trainer that splits a batch
 * across towers averages them (weighted by rows) and gets the whole batch's values. Anything that
 * is not such a mean (a histogram's usage, an EMA update) goes through {@link BatchSums}. {@code
 * state} is for new values that need neither; a trainer with several towers refuses it.
 */
public record Loss(Operand<TFloat32> total, Map<String, Operand<TFloat32>> terms, Params state, BatchSums sums) {
  public Loss {
    terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    if (terms.containsKey("loss")) {
      throw new IllegalArgumentException("the term name 'loss' is reserved for the total");
    }
    java.util.Objects.requireNonNull(sums, "sums (BatchSums.NONE for none)");
  }

  /** A loss without batch sums. */
  public Loss(Operand<TFloat32> total, Map<String, Operand<TFloat32>> terms, Params state) {
    this(total, terms, state, BatchSums.NONE);
  }

  public static Loss of(Operand<TFloat32> total) {
    return new Loss(total, Map.of(), Params.empty());
  }
}
