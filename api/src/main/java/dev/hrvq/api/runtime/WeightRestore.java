package dev.hrvq.api.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Reads chosen variables of a checkpoint bundle into chosen variables of a graph: one RestoreV2 of
 * the source names, an assign per variable. {@code Session.restore} restores every variable of the
 * graph from tensors of the same names; this reads only the weights, possibly under other names
 * (the averages into the parameters), so optimizer slots never need to match.
 *
 * <p>A bundle key is the variable's graph op name, which TensorFlow made unique per group
 * ({@code params}, {@code params_1}, ... in path order; the same for {@code state} and {@code avg}).
 * Parameters and state are created first and in path order whatever the optimizer, so this graph's
 * own op names are the bundle's keys, and the i-th average is the i-th parameter's name with
 * {@code avg} for {@code params}.
 */
record WeightRestore(Placeholder<TString> prefix, Op assignAll, boolean fromAverages) {

  static WeightRestore build(Ops tf, VariableGroup params, VariableGroup state, boolean fromAverages) {
    List<String> sources = new ArrayList<>();
    List<Operand<TFloat32>> targets = new ArrayList<>();
    for (VariableGroup g : List.of(params, state)) {
      g.variables.forEach((path, variable) -> {
        String name = variable.op().name();
        sources.add(fromAverages && g == params ? Trainer.averageOf(name) : name);
        targets.add(variable);
      });
    }
    Placeholder<TString> prefix = tf.placeholder(TString.class);
    List<Op> assigns = new ArrayList<>();
    if (!sources.isEmpty()) {
      List<Class<? extends TType>> types = new ArrayList<>(Collections.nCopies(sources.size(), TFloat32.class));
      Restore restored;
      // constantOf copies the tensor into the graph, so the host tensors are closed right away.
      try (TString names = TString.vectorOf(sources.toArray(String[]::new));
          TString slices = TString.vectorOf(Collections.nCopies(sources.size(), "").toArray(String[]::new))) {
        restored = tf.train.restore(prefix, tf.constantOf(names), tf.constantOf(slices), types);
      }
      for (int i = 0; i < targets.size(); i++) {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> value = (Operand<TFloat32>) restored.tensors().get(i);
        assigns.add(tf.assign(targets.get(i), value));
      }
    }
    return new WeightRestore(prefix, tf.withControlDependencies(assigns).noOp(), fromAverages);
  }

  void run(Session.Runner runner, String bundlePrefix) {
    try (TString p = TString.scalarOf(bundlePrefix)) {
      runner.feed(prefix, p).addTarget(assignAll).run().close();
    }
  }
}
