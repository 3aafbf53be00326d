package dev.hrvq.api.runtime;

import dev.hrvq.api.Vars;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;

/**
 * An inference computation over a model's variables (applied in {@link dev.hrvq.api.Mode#EVAL}):
 * named inputs to named outputs of any type.
 */
@FunctionalInterface
public interface Program {
  Map<String, Operand<?>> apply(Ops tf, Vars vars, Inputs inputs);
}
