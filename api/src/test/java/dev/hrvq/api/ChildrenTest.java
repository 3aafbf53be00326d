package dev.hrvq.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/** The helper for layers built from children: specs under each child's name, and children's new state kept. */
class ChildrenTest {
  /** A layer with one state variable "count" that its apply increments: its new state must reach the parent. */
  private static Layer counter(String name) {
    return new Layer(name,
        in -> new Init(in, new TreeMap<>(), new TreeMap<>(Map.of("count", new ParamSpec(Shape.of(1), Initializers.zeros())))),
        (tf, vars, x, mode) -> new Out(x, Params.of("count", tf.math.add(vars.state().get("count"), tf.constant(new float[] {1f})))));
  }

  @Test
  void declaresEachChildsVariablesUnderItsNameAndTheParentsOwn() {
    Children c = new Children("block");
    Shape out = c.add(CombinatorsTest.affine("a", 3), Shape.of(-1, 2));
    c.add(counter("n"), out);
    c.param("bias", new ParamSpec(Shape.of(3), Initializers.zeros()));
    Init init = c.toInit(out);
    assertThat(init.params().keySet()).containsExactly("a/b", "a/w", "bias");
    assertThat(init.state().keySet()).containsExactly("n/count");
    assertThat(init.out().asArray()).containsExactly(-1, 3);
  }

  @Test
  void applyReturnsTheChildsNewStateUnderItsName() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Vars vars = new Vars(Params.empty(), Params.of("n/count", tf.constant(new float[] {4f})));
      Out out = Children.apply(tf, counter("n"), vars, tf.constant(new float[][] {{1f}}), Mode.TRAIN);
      assertThat(out.state().paths()).containsExactly("n/count");
    }
  }

  @Test
  void twoChildrenWithVariablesMayNotShareANameButStatelessOnesMay() {
    Children c = new Children("net");
    c.add(CombinatorsTest.relu("r"), Shape.of(-1, 2));
    c.add(CombinatorsTest.relu("r"), Shape.of(-1, 2));
    c.add(counter("n"), Shape.of(-1, 2));
    assertThatThrownBy(() -> c.add(counter("n"), Shape.of(-1, 2))).hasMessageContaining("'net' has two layers named 'n'");
    assertThatThrownBy(() -> c.param("n/count", new ParamSpec(Shape.of(1), Initializers.zeros())).state("n/count",
        new ParamSpec(Shape.of(1), Initializers.zeros()))).hasMessageContaining("declares 'n/count' twice");
  }
}
