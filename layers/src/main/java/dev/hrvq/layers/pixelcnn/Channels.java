package dev.hrvq.layers.pixelcnn;

import java.util.List;
import dev.hrvq.api.Bfloat16;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Slicing, shifting and padding of NHWC tensors along one axis, as the causal layers need them. */
final class Channels {
  // Index operands are int32 throughout: TensorFlow's C++ gradients of Slice and Pad (the ones
  // TensorFlow Java uses) build ill-typed graphs when begin/size/paddings are int64.
  private Channels() {}

  /** Channels {@code [from, from + count)} of an NHWC tensor. */
  static Operand<TFloat32> slice(Ops tf, Operand<TFloat32> x, long from, long count) {
    return tf.slice(x, tf.constant(new int[] {0, 0, 0, Math.toIntExact(from)}), tf.constant(new int[] {-1, -1, -1, Math.toIntExact(count)}));
  }

  /** Zero padding of the spatial axes: {@code top, bottom, left, right}. */
  static Operand<TFloat32> padSpatial(Ops tf, Operand<TFloat32> x, long top, long bottom, long left, long right) {
    return tf.pad(x, tf.constant(new int[][] {{0, 0}, {(int) top, (int) bottom}, {(int) left, (int) right}, {0, 0}}), Bfloat16.scalarLike(tf, 0f, x));
  }

  /**
   * Moves every row one down (the first row becomes zeros, the last falls off), so that row i
   * holds what row i-1 held: features that saw rows up to i-1 now sit at row i.
   */
  static Operand<TFloat32> shiftDown(Ops tf, Operand<TFloat32> x) {
    long h = x.shape().get(1);
    return tf.slice(padSpatial(tf, x, 1, 0, 0, 0), tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {-1, (int) h, -1, -1}));
  }

  /** Moves every column one right (the first column becomes zeros), so column j holds column j-1. */
  static Operand<TFloat32> shiftRight(Ops tf, Operand<TFloat32> x) {
    long w = x.shape().get(2);
    return tf.slice(padSpatial(tf, x, 0, 0, 1, 0), tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {-1, -1, (int) w, -1}));
  }

  /** Row {@code i} (a scalar fed at run time) of an NHWC tensor: {@code [N,H,W,C] -> [N,1,W,C]}. */
  static Operand<TFloat32> row(Ops tf, Operand<TFloat32> x, Operand<TInt32> i) {
    return at(tf, x, 1, i);
  }

  /** Column {@code j} (a scalar fed at run time) of an NHWC tensor: {@code [N,H,W,C] -> [N,H,1,C]}. */
  static Operand<TFloat32> column(Ops tf, Operand<TFloat32> x, Operand<TInt32> j) {
    return at(tf, x, 2, j);
  }

  /** Index {@code i} of spatial axis {@code axis}, kept as an axis of size 1; the other sizes stay static. */
  private static Operand<TFloat32> at(Ops tf, Operand<TFloat32> x, int axis, Operand<TInt32> i) {
    Operand<TInt32> zero = tf.constant(0);
    List<Operand<TInt32>> begin = new java.util.ArrayList<>(List.of(zero, zero, zero, zero));
    begin.set(axis, i);
    int[] size = {-1, (int) x.shape().get(1), (int) x.shape().get(2), (int) x.shape().get(3)};
    size[axis] = 1;
    return tf.slice(x, tf.stack(begin), tf.constant(size));
  }

  /** {@code tanh(a) * sigmoid(b)} where a and b are the two halves of the channels. */
  static Operand<TFloat32> gate(Ops tf, Operand<TFloat32> x) {
    long half = x.shape().get(3) / 2;
    return tf.math.mul(tf.math.tanh(slice(tf, x, 0, half)), tf.math.sigmoid(slice(tf, x, half, half)));
  }

  /** Concatenation along channels. */
  static Operand<TFloat32> concat(Ops tf, List<Operand<TFloat32>> parts) {
    return tf.concat(parts, tf.constant(-1));
  }

  /** VALID, stride-1 convolution (padding is done explicitly by the caller). */
  static Operand<TFloat32> convValid(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    return tf.nn.biasAdd(tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "VALID"), bias);
  }
}
