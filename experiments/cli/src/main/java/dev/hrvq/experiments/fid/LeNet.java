package dev.hrvq.experiments.fid;

import static dev.hrvq.layers.Layers.conv2d;
import static dev.hrvq.layers.Layers.dense;
import static dev.hrvq.layers.Layers.relu;
import static dev.hrvq.layers.Layers.serial;

import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.runtime.InputSpec;
import dev.hrvq.api.runtime.Loss;
import dev.hrvq.api.runtime.Model;
import dev.hrvq.api.runtime.Program;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A LeNet-5-style classifier whose penultimate activations serve as image features for FID/KID:
 *
 * <pre>
 *   conv 5x5 6, relu, max-pool 2 -> conv 5x5 16, relu, max-pool 2 -> flatten
 *   -> dense 120, relu -> dense 84, relu (the features) -> dense classes (the logits)
 * </pre>
 *
 * <p>Convolutions are SAME-padded, so any image side divisible by 4 works (16, 28, 32...). The
 * training loss is the mean softmax cross-entropy against one-hot float labels (input {@code y}):
 * TensorFlow Java has no gradient for the sparse (integer-label) op, but has one for the dense op.
 */
public record LeNet(int size, int channels, int classes) {
  /** Width of the feature vectors {@link #features()} returns. */
  public static final int FEATURES = 84;

  public LeNet {
    if (size < 4 || size % 4 != 0) {
      throw new IllegalArgumentException("LeNet: the image side must be a positive multiple of 4, got " + size);
    }
    if (channels < 1 || classes < 2) {
      throw new IllegalArgumentException("LeNet: need channels >= 1 and classes >= 2, got " + channels + ", " + classes);
    }
  }

  /** The trunk up to the 84 relu'd penultimate units; parameters under {@code features/}. */
  public Layer trunk() {
    int flat = (size / 4) * (size / 4) * 16;
    return serial("features",
        conv2d("conv1", 6, 5, 1), relu(), maxPool2("pool1"),
        conv2d("conv2", 16, 5, 1), relu(), maxPool2("pool2"),
        Layer.stateless("flatten", in -> Shape.of(in.get(0), flat),
            (tf, x) -> tf.reshape(x, tf.constant(new long[] {-1, flat}))),
        dense("fc1", 120), relu(),
        dense("fc2", FEATURES), relu());
  }

  /** The whole classifier: trunk, then {@code logits}. */
  public Layer network() {
    return serial("lenet", trunk(), dense("logits", classes));
  }

  /** Images {@code [-1, size, size, channels]}. */
  public InputSpec imageSpec() {
    return InputSpec.floats(-1, size, size, channels);
  }

  /** One-hot labels {@code [-1, classes]}. */
  public InputSpec labelSpec() {
    return InputSpec.floats(-1, classes);
  }

  /** The training model: inputs {@code x} (images) and {@code y} (one-hot); terms {@code accuracy}. */
  public Model model() {
    Layer net = network();
    return Model.of(net.init(imageSpec().shape()), Map.of("x", imageSpec(), "y", labelSpec()), (tf, vars, in, mode) -> {
      Operand<TFloat32> logits = net.apply(tf, vars, in.floats("x"), mode).y();
      Operand<TFloat32> y = in.floats("y");
      var xent = tf.nn.softmaxCrossEntropyWithLogits(logits, y).loss();
      Operand<TFloat32> loss = tf.math.mean(xent, tf.constant(0));
      return new Loss(loss, Map.of("accuracy", accuracy(tf, logits, y)), Params.empty());
    });
  }

  /** Input {@code x}, output {@code logits [n, classes]}. */
  public Program logits() {
    Layer net = network();
    return (tf, vars, in) -> Map.of("logits", net.apply(tf, vars, in.floats("x"), Mode.EVAL).y());
  }

  /** Input {@code x}, output {@code features [n, 84]}: the relu'd penultimate activations. */
  public Program features() {
    Layer trunk = trunk();
    return (tf, vars, in) -> Map.of("features", trunk.apply(tf, vars.scope("features"), in.floats("x"), Mode.EVAL).y());
  }

  /** One-hot float labels for integer labels in {@code [0, classes)}. */
  public float[] oneHot(int[] labels) {
    float[] out = new float[labels.length * classes];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside [0, " + classes + ")");
      }
      out[i * classes + labels[i]] = 1;
    }
    return out;
  }

  private static Operand<TFloat32> accuracy(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> y) {
    var hit = tf.math.equal(tf.math.argMax(logits, tf.constant(1)), tf.math.argMax(y, tf.constant(1)));
    return tf.math.mean(tf.dtypes.cast(hit, TFloat32.class), tf.constant(0));
  }

  private static Layer maxPool2(String name) {
    return Layer.stateless(name, in -> Shape.of(in.get(0), in.get(1) / 2, in.get(2) / 2, in.get(3)),
        (tf, x) -> tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "SAME"));
  }
}
