package dev.hrvq.api.runtime;

import dev.hrvq.api.Vars;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An inference computation over a model's variables (applied in {@link dev.hrvq.api.Mode#EVAL}):
 * named float inputs to named outputs of any type.
 */
@FunctionalInterface
public interface Program {
  Map<String, Operand<?>> apply(Ops tf, Vars vars, Map<String, Operand<TFloat32>> inputs);
}
