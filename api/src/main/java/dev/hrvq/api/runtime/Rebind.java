package dev.hrvq.api.runtime;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.family.TType;

/** Finding an operand again in a copy of the graph it was built in (TowerPlacement's). */
final class Rebind {
  private Rebind() {}

  /** The output of {@code graph} with the same op name and index as {@code operand}. */
  @SuppressWarnings("unchecked")
  static <T extends TType> Output<T> same(Graph graph, Operand<T> operand) {
    Output<T> o = operand.asOutput();
    return (Output<T>) graph.outputOrThrow(o.op().name() + ":" + o.index());
  }
}
