package dev.hrvq.api.runtime;

import dev.hrvq.api.ParamSpec;
import dev.hrvq.api.Params;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One group of graph variables ({@code params}, {@code state}, {@code opt}, {@code avg}), each
 * named {@code group/path} in the graph and in checkpoints, with one identity read per variable.
 *
 * <p>Everything downstream is built on the reads, never on the raw {@code VariableV2} outputs:
 * differentiating through a raw variable crashes the JVM in TF Java 1.1.0, and gradients are
 * taken with respect to these reads.
 */
final class VariableGroup {
  final String group;
  final SortedMap<String, Operand<TFloat32>> variables;
  final Params reads;
  /** The initial values (built in the init scope), for initialising variables derived from these. */
  final Params initial;

  private VariableGroup(String group, SortedMap<String, Operand<TFloat32>> variables, Params reads, Params initial) {
    this.group = group;
    this.variables = variables;
    this.reads = reads;
    this.initial = initial;
  }

  /** Variables initialised from specs, each with its own stateless seed derived from (seed, path). */
  static VariableGroup fromSpecs(Ops tf, String group, Map<String, ParamSpec> specs, long seed) {
    Ops init = tf.withInitScope();
    TreeMap<String, Operand<TFloat32>> initial = new TreeMap<>();
    specs.forEach((path, spec) -> {
      Operand<TFloat32> value = spec.init().create(init, spec.shape(), init.constant(seedFor(seed, path)));
      if (!value.shape().isCompatibleWith(spec.shape())) {
        throw new IllegalStateException(
            "initializer of '" + path + "' built shape " + value.shape() + " for declared shape " + spec.shape());
      }
      initial.put(path, value);
    });
    return fromInitialValues(tf, group, Params.of(initial));
  }

  /** Variables initialised from operands that were built in the init scope. */
  static VariableGroup fromInitialValues(Ops tf, String group, Params initial) {
    Ops init = tf.withInitScope();
    TreeMap<String, Operand<TFloat32>> variables = new TreeMap<>();
    TreeMap<String, Operand<TFloat32>> reads = new TreeMap<>();
    initial.leaves().forEach((path, value) -> {
      Shape shape = value.shape();
      if (shape.hasUnknownDimension()) {
        throw new IllegalArgumentException("initial value of " + group + "/" + path + " has unknown shape " + shape);
      }
      Variable<TFloat32> variable = named(init, group + "/" + path).variable(shape, TFloat32.class);
      init.assign(variable, value);
      variables.put(path, variable);
      reads.put(path, tf.identity(variable));
    });
    return new VariableGroup(group, variables, Params.of(reads), initial);
  }

  /**
   * The same group in {@code graph}, a copy of the graph it was built in (same op names); its
   * initial values are not carried over, being needed only while variables are derived from them.
   */
  VariableGroup rebind(Graph graph) {
    TreeMap<String, Operand<TFloat32>> vs = new TreeMap<>();
    variables.forEach((path, v) -> vs.put(path, Rebind.same(graph, v)));
    return new VariableGroup(group, vs, reads.map((path, read) -> Rebind.same(graph, read)), Params.empty());
  }

  /** Declared shapes by full graph name, for checkpoint manifests. */
  void describeInto(Map<String, long[]> shapes) {
    variables.forEach((path, v) -> shapes.put(group + "/" + path, v.shape().asArray()));
  }

  /** An Ops whose next op gets exactly the slash-separated {@code name}. */
  static Ops named(Ops tf, String name) {
    String[] parts = name.split("/");
    Ops scoped = tf;
    for (int i = 0; i < parts.length - 1; i++) {
      scoped = scoped.withSubScope(parts[i]);
    }
    return scoped.withName(parts[parts.length - 1]);
  }

  /** The stateless-random seed of one path: the run seed and a 64-bit FNV-1a hash of the path. */
  static long[] seedFor(long seed, String path) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xff);
      hash *= 0x100000001b3L;
    }
    return new long[] {seed, hash};
  }
}
