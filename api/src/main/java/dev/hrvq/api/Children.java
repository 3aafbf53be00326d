package dev.hrvq.api;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The variables of a layer (or model) built from named children that are not a plain chain: at
 * init, each child's parameter and state specs are declared under its name ({@code child/path}),
 * next to the parent's own; at apply, {@link #apply} runs a child on its scoped variables and
 * returns its new state under its name, for the parent to merge into its own {@link Out}.
 *
 * <pre>{@code
 * in -> { Children c = new Children(name); Shape h = c.add(conv, in); c.add(out, h); return c.toInit(...); }
 * (tf, vars, x, mode) -> { Out a = Children.apply(tf, conv, vars, x, mode); Out b = Children.apply(tf, out, vars, a.y(), mode);
 *                          return new Out(b.y(), a.state().merge(b.state())); }
 * }</pre>
 */
public final class Children {
  private final String parent;
  private final TreeMap<String, ParamSpec> params = new TreeMap<>();
  private final TreeMap<String, ParamSpec> state = new TreeMap<>();
  private final Set<String> names = new HashSet<>();

  /** @param parent the parent's name, for error messages */
  public Children(String parent) {
    this.parent = parent;
  }

  /** Initialises {@code child} on {@code in}, declares its variables under its name, and returns its output shape. */
  public Shape add(Layer child, Shape in) {
    Init init = child.init(in);
    add(child.name(), init);
    return init.out();
  }

  /** Declares the variables of a part that is not a {@link Layer} (a quantizer, a nested network) under {@code name}. */
  public Shape add(String name, Init init) {
    if (!init.hasVariables()) {
      return init.out();
    }
    if (!names.add(name)) {
      throw new IllegalArgumentException("'" + parent + "' has two layers named '" + name + "' with variables; give each a distinct name");
    }
    init.params().forEach((k, v) -> put(params, name + "/" + k, v));
    init.state().forEach((k, v) -> put(state, name + "/" + k, v));
    return init.out();
  }

  /** Declares a parameter of the parent itself (not under a child). */
  public Children param(String path, ParamSpec spec) {
    put(params, path, spec);
    return this;
  }

  /** Declares a state variable of the parent itself. */
  public Children state(String path, ParamSpec spec) {
    put(state, path, spec);
    return this;
  }

  private void put(TreeMap<String, ParamSpec> into, String path, ParamSpec spec) {
    if (into.putIfAbsent(path, spec) != null) {
      throw new IllegalArgumentException("'" + parent + "' declares '" + path + "' twice");
    }
  }

  /** The parent's init: output shape and every declared variable. */
  public Init toInit(Shape out) {
    return new Init(out, params, state);
  }

  /** Applies {@code child} to {@code x} with its own variables ({@code vars} scoped to its name); its new state comes back under its name. */
  public static Out apply(Ops tf, Layer child, Vars vars, Operand<TFloat32> x, Mode mode) {
    Out out = child.apply(tf, vars.scope(child.name()), x, mode);
    return new Out(out.y(), out.state().prefixed(child.name()));
  }
}
