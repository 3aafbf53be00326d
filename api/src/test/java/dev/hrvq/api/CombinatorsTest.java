package dev.hrvq.api;

import static dev.hrvq.api.Combinators.concat;
import static dev.hrvq.api.Combinators.residual;
import static dev.hrvq.api.Combinators.serial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.check.Close;
import dev.hrvq.api.check.GraphRun;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

class CombinatorsTest {

  /** y = x w + b on the last axis: params "w" [in, out] and "b" [out]. */
  static Layer affine(String name, long out) {
    return new Layer(
        name,
        in -> {
          long fanIn = in.get(in.numDimensions() - 1);
          long[] dims = in.asArray();
          dims[dims.length - 1] = out;
          return Init.of(Shape.of(dims), Map.of(
              "w", new ParamSpec(Shape.of(fanIn, out), Initializers.fanInUniform(fanIn)),
              "b", new ParamSpec(Shape.of(out), Initializers.zeros())));
        },
        (tf, vars, x, mode) ->
            Out.of(tf.math.add(tf.linalg.matMul(x, vars.params().get("w")), vars.params().get("b"))));
  }

  static Layer relu(String name) {
    return Layer.stateless(name, s -> s, (tf, x) -> tf.nn.relu(x));
  }

  /** Halves both spatial dims of an NHWC input (shape only; never applied here). */
  static Layer halve(String name) {
    return Layer.stateless(name, s -> Shape.of(s.get(0), s.get(1) / 2, s.get(2) / 2, s.get(3)), (tf, x) -> x);
  }

  @Test
  void serialPlacesEachChildsParamsUnderItsNameAndChainsShapes() {
    Init init = serial("net", affine("a", 4), affine("b", 2)).init(Shape.of(-1, 3));
    assertThat(init.out().asArray()).containsExactly(-1, 2);
    assertThat(init.params()).containsOnlyKeys("a/b", "a/w", "b/b", "b/w");
    assertThat(init.params().get("a/w").shape().asArray()).containsExactly(3, 4);
    assertThat(init.params().get("b/w").shape().asArray()).containsExactly(4, 2);
    assertThat(init.params().get("b/b").shape().asArray()).containsExactly(2);
    assertThat(init.state()).isEmpty();
  }

  @Test
  void nestedSerialsNestThePaths() {
    Init init = serial("model", serial("outer", affine("inner", 5))).init(Shape.of(-1, 2));
    assertThat(init.params()).containsOnlyKeys("outer/inner/b", "outer/inner/w");
    assertThat(init.out().asArray()).containsExactly(-1, 5);
  }

  @Test
  void residualWhoseBodyChangesTheShapeNamesTheResidualAndBothShapes() {
    Layer res = residual("res0", affine("a", 4));
    Shape in = Shape.of(-1, 3);
    assertThatThrownBy(() -> res.init(in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'res0'")
        .hasMessageContaining(in.toString())
        .hasMessageContaining(Shape.of(-1, 4).toString());
  }

  @Test
  void residualThatKeepsTheShapeExposesItsBodysParams() {
    Init init = residual("res0", affine("a", 3), relu("act")).init(Shape.of(-1, 3));
    assertThat(init.out().asArray()).containsExactly(-1, 3);
    assertThat(init.params()).containsOnlyKeys("a/b", "a/w");
  }

  @Test
  void twoChildrenWithParamsAndTheSameNameAreRejected() {
    Layer twice = serial("net", affine("dup", 3), affine("dup", 3));
    assertThatThrownBy(() -> twice.init(Shape.of(-1, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dup'")
        .hasMessageContaining("'net'");
  }

  @Test
  void paramFreeChildrenMayShareAName() {
    Init init = serial("net", relu("act"), affine("a", 2), relu("act")).init(Shape.of(-1, 3));
    assertThat(init.out().asArray()).containsExactly(-1, 2);
    assertThat(init.params()).containsOnlyKeys("a/b", "a/w");
  }

  @Test
  void concatAddsTheBranchesChannels() {
    Init init = concat("cat", affine("a", 4), affine("b", 5), relu("id")).init(Shape.of(-1, 6, 6, 3));
    assertThat(init.out().asArray()).containsExactly(-1, 6, 6, 12);
    assertThat(init.params()).containsOnlyKeys("a/b", "a/w", "b/b", "b/w");
  }

  @Test
  void concatOfBranchesWithDifferentSpatialDimsThrows() {
    Layer cat = concat("cat", relu("id"), halve("half"));
    assertThatThrownBy(() -> cat.init(Shape.of(-1, 4, 4, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'cat'")
        .hasMessageContaining("'half'");
  }

  @Test
  void serialForwardPassMatchesAHandComputation() {
    // x [2,2], a: w [2,3], b [3]; relu; c: w [3,1], b [1].
    float[][] x = {{1f, -2f}, {0.5f, 3f}};
    float[][] aw = {{0.1f, -0.2f, 0.3f}, {0.4f, 0.5f, -0.6f}};
    float[] ab = {0.01f, 0.02f, -0.03f};
    float[][] cw = {{1f}, {-1f}, {2f}};
    float[] cb = {0.5f};

    Layer net = serial("net", affine("a", 3), relu("act"), affine("c", 1));
    assertThat(net.init(Shape.of(-1, 2)).out().asArray()).containsExactly(-1, 1);
    float[] y;
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      Params params = Params.of(Map.of(
          "a/w", tf.constant(aw), "a/b", tf.constant(ab), "c/w", tf.constant(cw), "c/b", tf.constant(cb)));
      y = g.run(net.apply(tf, Vars.of(params), tf.constant(x), Mode.EVAL).y()).floats(0);
    }

    double[] expected = new double[2];
    for (int n = 0; n < 2; n++) {
      double out = cb[0];
      for (int j = 0; j < 3; j++) {
        double h = ab[j];
        for (int i = 0; i < 2; i++) {
          h += (double) x[n][i] * aw[i][j];
        }
        out += Math.max(h, 0) * cw[j][0];
      }
      expected[n] = out;
    }
    Close.assertClose("y", y, expected);
  }
}
