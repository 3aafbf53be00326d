package dev.hrvq.api.optim;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A learning rate as an in-graph function of the step count (0 on the first step). */
@FunctionalInterface
public interface Schedule {
  Operand<TFloat32> at(Ops tf, Operand<TFloat32> step);
}
