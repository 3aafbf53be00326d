package dev.hrvq.api.runtime;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Vars;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A model's training objective: a pure function of variables and named inputs. */
@FunctionalInterface
public interface LossFn {
  Loss apply(Ops tf, Vars vars, Map<String, Operand<TFloat32>> inputs, Mode mode);
}
