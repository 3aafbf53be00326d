package dev.hrvq.layers.pixelcnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Init;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** Dropout acts in training only, is a function of the step counter, and counts the step up. */
class DropoutTest {
  private static final Shape IN = Shape.of(2, 4, 4, 3);
  private final Layer block = GatedBlock.of("b0", MaskType.A, 8, 3, 0, 0.5f);

  @Test
  void declaresTheCounterAsState() {
    Init init = block.init(Shape.of(-1, 4, 4, 3));
    assertThat(init.state()).containsOnlyKeys(StatelessDropout.STEP);
    assertThat(GatedBlock.first("b0", 8, 3, 0).init(Shape.of(-1, 4, 4, 3)).state()).isEmpty();
  }

  @Test
  void trainingDropsAndEvaluationDoesNot() {
    float[] x = input();
    try (Probe eval = new Probe(block, IN, 1, Mode.EVAL);
        Probe noDropout = new Probe(GatedBlock.first("b0", 8, 3, 0), IN, 1, Mode.EVAL);
        Probe train = new Probe(block, IN, 1, Mode.TRAIN, Map.of(StatelessDropout.STEP, 3f))) {
      assertThat(eval.returnsState()).isFalse();
      assertThat(eval.output(x)).containsExactly(noDropout.output(x));
      assertThat(train.output(x)).isNotEqualTo(eval.output(x));
      assertThat(train.state(x, StatelessDropout.STEP)).containsExactly(4f);
    }
  }

  @Test
  void theMaskIsAFunctionOfTheStep() {
    float[] x = input();
    try (Probe a = new Probe(block, IN, 1, Mode.TRAIN, Map.of(StatelessDropout.STEP, 3f));
        Probe b = new Probe(block, IN, 1, Mode.TRAIN, Map.of(StatelessDropout.STEP, 3f));
        Probe c = new Probe(block, IN, 1, Mode.TRAIN, Map.of(StatelessDropout.STEP, 4f))) {
      assertThat(a.output(x)).containsExactly(a.output(x)).containsExactly(b.output(x));
      assertThat(c.output(x)).isNotEqualTo(a.output(x));
    }
  }

  private static float[] input() {
    Random random = new Random(5);
    float[] x = new float[(int) IN.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }
}
