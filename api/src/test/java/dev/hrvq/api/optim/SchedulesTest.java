package dev.hrvq.api.optim;

import static dev.hrvq.api.check.Close.assertClose;

import dev.hrvq.api.check.GraphRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Schedules evaluated in the graph at several steps against their closed forms in double. */
class SchedulesTest {

  private static final double[] STEPS = {0, 1, 2, 5, 9, 10, 11, 15, 100};

  private static void assertSchedule(Schedule schedule, DoubleUnaryOperator closedForm) {
    assertSchedule(schedule, closedForm, STEPS);
  }

  private static void assertSchedule(Schedule schedule, DoubleUnaryOperator closedForm, double... steps) {
    float[] got = new float[steps.length];
    double[] expected = new double[steps.length];
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      List<Operand<TFloat32>> values = new ArrayList<>();
      for (double s : steps) {
        values.add(schedule.at(tf, tf.constant((float) s)));
      }
      GraphRun.Fetched out = g.run(values);
      for (int i = 0; i < steps.length; i++) {
        got[i] = out.scalar(i);
        expected[i] = closedForm.applyAsDouble(steps[i]);
      }
    }
    assertClose("lr at steps " + Arrays.toString(steps), got, expected);
  }

  @Test
  void constantIsTheSameAtEveryStep() {
    assertSchedule(Schedules.constant(0.003f), s -> 0.003);
  }

  @Test
  void exponentialDecayIsContinuous() {
    assertSchedule(Schedules.exponentialDecay(0.1f, 10f, 0.5f), s -> 0.1 * Math.pow(0.5, s / 10));
  }

  @Test
  void cosineDecayFollowsTheHalfCosine() {
    assertSchedule(Schedules.cosineDecay(0.1f, 10f, 0.2f),
        s -> 0.1 * (0.2 + 0.8 * 0.5 * (1 + Math.cos(Math.PI * Math.min(s / 10, 1)))), STEPS);
  }

  @Test
  void cosineDecayAfterTheEndIsLrTimesAlpha() {
    assertSchedule(Schedules.cosineDecay(0.1f, 10f, 0.2f), s -> 0.1 * 0.2, 10, 11, 15, 1000);
  }

  @Test
  void linearWarmupRampsFromZeroThenHandsOverWithStepsFromZero() {
    assertSchedule(Schedules.linearWarmup(5, Schedules.constant(0.1f)), s -> 0.1 * Math.min((s + 1) / 5, 1));
    assertSchedule(Schedules.linearWarmup(5, Schedules.exponentialDecay(0.1f, 10f, 0.5f)),
        s -> Math.min((s + 1) / 5, 1) * 0.1 * Math.pow(0.5, Math.max(s - 5, 0) / 10));
  }
}
