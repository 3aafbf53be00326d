package dev.hrvq.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.check.GraphRun;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ParamsTest {

  private static Params tree(Ops tf, String... paths) {
    Params p = Params.empty();
    for (int i = 0; i < paths.length; i++) {
      p = p.merge(Params.of(paths[i], tf.constant((float) i)));
    }
    return p;
  }

  @Test
  void prefixedThenScopedGivesBackTheSameLeaves() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params p = tree(tf, "c1/kernel", "c1/bias", "c2/kernel");

      Params enc = p.prefixed("enc");
      assertThat(enc.paths()).containsExactly("enc/c1/bias", "enc/c1/kernel", "enc/c2/kernel");
      Params back = enc.scope("enc");
      assertThat(back.paths()).isEqualTo(p.paths());
      for (String path : p.paths()) {
        assertThat(back.get(path)).isSameAs(p.get(path));
      }
    }
  }

  @Test
  void scopeTakesOnlyTheNamedSubtree() {
    try (Graph g = new Graph()) {
      Params p = tree(Ops.create(g), "enc/a", "enc/b/c", "encoder/a", "dec/a", "enc");
      assertThat(p.scope("enc").paths()).containsExactly("a", "b/c");
      assertThat(p.scope("missing").isEmpty()).isTrue();
      assertThat(p.prefixed("")).isSameAs(p);
    }
  }

  @Test
  void getOfMissingPathNamesThePathAndTheNearestExistingOnes() {
    try (Graph g = new Graph()) {
      Params p = tree(Ops.create(g), "enc/c1/kernel", "enc/c1/bias", "dec/out/kernel", "zzz/unrelated/thing");
      assertThatThrownBy(() -> p.get("enc/c1/kernal"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'enc/c1/kernal'")
          .hasMessageContaining("enc/c1/kernel")
          .hasMessageContaining("enc/c1/bias")
          .hasMessageNotContaining("zzz/unrelated/thing");
    }
  }

  @Test
  void mergeOfTreesSharingAPathNamesThePath() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params a = tree(tf, "x/w", "shared/b");
      Params b = tree(tf, "y/w", "shared/b");
      assertThatThrownBy(() -> a.merge(b))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'shared/b'");
      assertThat(a.merge(tree(tf, "y/w")).paths()).containsExactly("shared/b", "x/w", "y/w");
    }
  }

  @Test
  void zipOfTreesWithDifferentPathsThrowsNamingTheDifferences() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params a = tree(tf, "w", "onlyLeft");
      Params b = tree(tf, "w", "onlyRight");
      assertThatThrownBy(() -> a.zip(b, (x, y) -> x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("onlyLeft")
          .hasMessageContaining("onlyRight");
    }
  }

  @Test
  void zipPairsLeavesByPath() {
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      Params a = Params.of(Map.of("p", tf.constant(1f), "q", tf.constant(2f)));
      Params b = Params.of(Map.of("p", tf.constant(10f), "q", tf.constant(20f)));
      Params sum = a.zip(b, (x, y) -> tf.math.add(x, y));
      assertThat(g.run(sum.get("p")).floats(0)).containsExactly(11f);
      assertThat(g.run(sum.get("q")).floats(0)).containsExactly(22f);
    }
  }

  @Test
  void mapKeepsThePaths() {
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      Params p = tree(tf, "a/w", "a/b", "c");
      Params doubled = p.map((path, x) -> tf.math.mul(x, tf.constant(2f)));
      assertThat(doubled.paths()).isEqualTo(p.paths());
      assertThat(g.run(doubled.get("c")).floats(0)).containsExactly(4f);
    }
  }

  @Test
  void replaceSwapsExistingLeavesAndRejectsNewPaths() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Params p = tree(tf, "a", "b");
      Operand<TFloat32> seven = tf.constant(7f);
      Params replaced = p.replace(Params.of("b", seven));
      assertThat(replaced.paths()).containsExactly("a", "b");
      assertThat(replaced.get("b")).isSameAs(seven);
      assertThat(replaced.get("a")).isSameAs(p.get("a"));

      assertThatThrownBy(() -> p.replace(Params.of("c", seven)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'c'");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a//b", "a b", "/a", "a/", "a/ b"})
  void invalidPathsAreRejected(String path) {
    assertThatThrownBy(() -> Paths.check(path)).isInstanceOf(IllegalArgumentException.class);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      assertThatThrownBy(() -> Params.of(path, tf.constant(0f)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid parameter path");
    }
  }

  @Test
  void prefixedWithAnInvalidPrefixIsRejected() {
    try (Graph g = new Graph()) {
      Params p = tree(Ops.create(g), "w");
      assertThatThrownBy(() -> p.prefixed("a/")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void validPathsAreAccepted() {
    assertThat(Paths.check("enc/res0/conv_1.kernel-2")).isEqualTo("enc/res0/conv_1.kernel-2");
    assertThat(Paths.join("", "w")).isEqualTo("w");
    assertThat(Paths.join("enc", "w")).isEqualTo("enc/w");
  }
}
