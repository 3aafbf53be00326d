package dev.hrvq.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.check.GraphRun;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class TermsTest {

  @Test
  void plusKeepsEveryTermInOrderAndTotalIsTheirSum() {
    try (GraphRun t = new GraphRun()) {
      Map<String, Operand<TFloat32>> a = new LinkedHashMap<>();
      a.put("recon", t.tf.constant(1.5f));
      a.put("codebook", t.tf.constant(0.25f));
      Terms both = new Terms(a).plus(new Terms(Map.of("commitment", t.tf.constant(2f))));
      assertThat(both.named().keySet()).containsExactly("recon", "codebook", "commitment");
      assertThat(t.scalar(both.total(t.tf))).isEqualTo(3.75f);
      assertThat(t.scalar(new Terms(Map.of("only", t.tf.constant(7f))).total(t.tf))).isEqualTo(7f);
    }
  }

  @Test
  void plusRejectsADuplicateName() {
    try (GraphRun t = new GraphRun()) {
      Terms a = new Terms(Map.of("codebook", t.tf.constant(1f), "recon", t.tf.constant(1f)));
      Terms b = new Terms(Map.of("codebook", t.tf.constant(2f)));
      assertThatThrownBy(() -> a.plus(b))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("duplicate loss term 'codebook'");
    }
  }

  @Test
  void termsAreImmutable() {
    try (GraphRun t = new GraphRun()) {
      Map<String, Operand<TFloat32>> m = new LinkedHashMap<>();
      m.put("a", t.tf.constant(1f));
      Terms terms = new Terms(m);
      m.put("b", t.tf.constant(2f));
      assertThat(terms.named()).containsOnlyKeys("a");
      assertThatThrownBy(() -> terms.named().put("c", t.tf.constant(3f))).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
