package dev.hrvq.api.runtime;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Vars;
import org.tensorflow.op.Ops;

/** A model's training objective: a pure function of variables and named inputs. */
@FunctionalInterface
public interface LossFn {
  Loss apply(Ops tf, Vars vars, Inputs inputs, Mode mode);
}
