package dev.hrvq.layers.pixelcnn;

import dev.hrvq.api.Children;
import dev.hrvq.api.Init;
import dev.hrvq.api.Initializers;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Out;
import dev.hrvq.api.ParamSpec;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.layers.Layers;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The gated residual block of van den Oord et al. (2016), mapping a {@link Stream} to a stream.
 *
 * <pre>
 *   vPre = vertical(v) [+ classBiasV]                   v' = tanh(vPre[:p]) * sigmoid(vPre[p:])
 *   hPre = horizontal(h) + v_to_h(shiftDown(vPre)) [+ classBiasH]
 *   h'   = h_out(dropout(tanh(hPre[:p]) * sigmoid(hPre[p:]))) [+ h   for mask B]
 * </pre>
 *
 * <p>Input: for mask A (the first block) {@code [codes (C) | class one-hot (classes)]}, and the
 * codes feed both stacks; for mask B a stream {@code [v (p) | h (p) | one-hot (classes)]}. Output:
 * always a stream of {@code 2p + classes} channels; the one-hot is passed through unchanged.
 *
 * <p>Class conditioning: the one-hot is the trailing {@code classes} channels of x, the same at
 * every position (the caller broadcasts it). Each position reads only its own copy, through a
 * learned per-class bias {@code class_bias_v}, {@code class_bias_h} of shape
 * {@code [classes, 2p]}; so no position ever reads another position's input through the condition.
 *
 * <p>Parameters: {@code vertical/*}, {@code horizontal/*}, {@code v_to_h/*}, {@code h_out/*},
 * {@code class_bias_v}, {@code class_bias_h} (when classes > 0); state {@code dropout_step} (when
 * dropout > 0). The mask-A block has no residual: its input is the codes, not a horizontal stack.
 *
 * <p>The block's pieces ({@link #verticalPre}, {@link #fromAbove}, {@link #verticalOut},
 * {@link #horizontalOut}) are also what {@link GatedPixelCnn#rowContext} and
 * {@link GatedPixelCnn#rowStep} call to run the two stacks apart, one row at a time.
 */
public final class GatedBlock {
  private final String name;
  private final MaskType mask;
  private final int hidden;
  private final int classes;
  private final float dropout;
  private final Layer vertical;
  private final Layer horizontal;
  private final Layer vToH;
  private final Layer hOut;
  private final long salt;

  private GatedBlock(String name, MaskType mask, int hidden, int kernel, int classes, float dropout) {
    this.name = name;
    this.mask = mask;
    this.hidden = hidden;
    this.classes = classes;
    this.dropout = dropout;
    this.vertical = CausalConv.vertical("vertical", 2 * hidden, kernel);
    this.horizontal = CausalConv.horizontal("horizontal", 2 * hidden, kernel, mask);
    this.vToH = Layers.conv2d("v_to_h", 2 * hidden, 1, 1);
    this.hOut = Layers.conv2d("h_out", hidden, 1, 1);
    // The dropout salt is the block's own (relative) name: blocks of one network differ; two
    // networks in one model that reuse block names would share masks at equal steps.
    this.salt = name.hashCode();
  }

  /** The first block (mask A, no residual), without dropout. */
  public static Layer first(String name, int hidden, int kernel, int classes) {
    return of(name, MaskType.A, hidden, kernel, classes, 0f);
  }

  /** A later block (mask B, residual), without dropout. */
  public static Layer next(String name, int hidden, int kernel, int classes) {
    return of(name, MaskType.B, hidden, kernel, classes, 0f);
  }

  /**
   * A gated block.
   *
   * @param hidden p, the channels of each stack
   * @param kernel odd kernel size k
   * @param classes number of classes of the trailing one-hot, 0 for none
   * @param dropout rate applied to the gated horizontal features in {@code Mode.TRAIN}, 0 for none
   */
  public static Layer of(String name, MaskType mask, int hidden, int kernel, int classes, float dropout) {
    return block(name, mask, hidden, kernel, classes, dropout).layer();
  }

  /** The block itself, for a network that also runs its pieces apart; arguments as {@link #of}. */
  static GatedBlock block(String name, MaskType mask, int hidden, int kernel, int classes, float dropout) {
    CausalConv.checkArgs(name, hidden, kernel);
    if (classes < 0) {
      throw new IllegalArgumentException("layer '" + name + "': classes must be >= 0, got " + classes);
    }
    if (!(dropout >= 0f && dropout < 1f)) {
      throw new IllegalArgumentException("layer '" + name + "': dropout must be in [0, 1), got " + dropout);
    }
    return new GatedBlock(name, mask, hidden, kernel, classes, dropout);
  }

  String name() {
    return name;
  }

  /** The block as one layer over a stream. */
  Layer layer() {
    return new Layer(name, this::init, this::apply);
  }

  private Init init(Shape in) {
    long inputs = inputChannels(name, in, mask, hidden, classes);
    Shape stack = Shape.of(in.get(0), in.get(1), in.get(2), inputs);
    Shape pre = Shape.of(in.get(0), in.get(1), in.get(2), 2L * hidden);
    Shape gated = Shape.of(in.get(0), in.get(1), in.get(2), hidden);
    Children children = new Children(name);
    children.add(vertical, stack);
    children.add(horizontal, mask == MaskType.A ? stack : gated);
    children.add(vToH, pre);
    children.add(hOut, gated);
    if (classes > 0) {
      // PyTorch's nn.Linear default for a one-hot input: uniform on +-1/sqrt(classes).
      var init = Initializers.fanInUniform(classes);
      children.param("class_bias_v", new ParamSpec(Shape.of(classes, 2L * hidden), init));
      children.param("class_bias_h", new ParamSpec(Shape.of(classes, 2L * hidden), init));
    }
    if (dropout > 0f) {
      children.state(StatelessDropout.STEP, StatelessDropout.stepSpec());
    }
    return children.toInit(Shape.of(in.get(0), in.get(1), in.get(2), 2L * hidden + classes));
  }

  private Out apply(Ops tf, Vars vars, Operand<TFloat32> x, Mode mode) {
    long channels = x.shape().get(3);
    Operand<TFloat32> v;
    Operand<TFloat32> h;
    if (mask == MaskType.A) {
      v = Channels.slice(tf, x, 0, channels - classes);
      h = v;
    } else {
      v = Channels.slice(tf, x, 0, hidden);
      h = Channels.slice(tf, x, hidden, hidden);
    }
    Operand<TFloat32> cond = classes > 0 ? Channels.slice(tf, x, channels - classes, classes) : null;

    // Each child's new state (none today: convolutions) is kept under its name like the block's own.
    List<Out> applied = new ArrayList<>();
    Operand<TFloat32> vPre = verticalPre(tf, vars, v, mode, applied);
    // The vertical features at row i have seen row i; one row down they have seen only rows
    // above i, which is what the horizontal stack at row i may know.
    Operand<TFloat32> above = fromAbove(tf, vars, Channels.shiftDown(tf, vPre), mode, applied);
    Operand<TFloat32> hNew = horizontalOut(tf, vars, h, above, cond, mode, applied);
    Params newState = Params.empty();
    for (Out child : applied) {
      newState = newState.merge(child.state());
    }
    List<Operand<TFloat32>> parts = new ArrayList<>(List.of(verticalOut(tf, vars, vPre, cond), hNew));
    if (cond != null) {
      parts.add(cond);
    }
    return new Out(Channels.concat(tf, parts), newState);
  }

  /**
   * The vertical stack's pre-activation {@code vertical(v)}, before the class bias: at row i it has
   * seen rows up to i of {@code v}. {@code vars} are the block's own; new state goes to {@code applied}.
   */
  Operand<TFloat32> verticalPre(Ops tf, Vars vars, Operand<TFloat32> v, Mode mode, List<Out> applied) {
    return apply(tf, vertical, vars, v, mode, applied);
  }

  /** What the horizontal stack adds from the vertical one: {@code v_to_h} of the pre-activation already shifted one row down. */
  Operand<TFloat32> fromAbove(Ops tf, Vars vars, Operand<TFloat32> vPreShiftedDown, Mode mode, List<Out> applied) {
    return apply(tf, vToH, vars, vPreShiftedDown, mode, applied);
  }

  /** The vertical stack's output {@code gate(vPre [+ classBiasV])}; {@code cond} is null without classes. */
  Operand<TFloat32> verticalOut(Ops tf, Vars vars, Operand<TFloat32> vPre, Operand<TFloat32> cond) {
    // The class bias is added after v_to_h has read vPre: each stack gets its own class bias once.
    return Channels.gate(tf, cond != null ? tf.math.add(vPre, classBias(tf, cond, vars.params().get("class_bias_v"))) : vPre);
  }

  /**
   * The horizontal stack's output {@code h_out(dropout(gate(horizontal(h) + above [+ classBiasH]))) [+ h]}.
   * It reads {@code h}, {@code above} and {@code cond} only within each row, so it runs on one row as
   * well as on the whole map. New state (dropout's counter, the children's) goes to {@code applied}.
   */
  Operand<TFloat32> horizontalOut(Ops tf, Vars vars, Operand<TFloat32> h, Operand<TFloat32> above, Operand<TFloat32> cond,
      Mode mode, List<Out> applied) {
    Operand<TFloat32> hPre = tf.math.add(apply(tf, horizontal, vars, h, mode, applied), above);
    if (cond != null) {
      hPre = tf.math.add(hPre, classBias(tf, cond, vars.params().get("class_bias_h")));
    }
    Operand<TFloat32> hGated = Channels.gate(tf, hPre);
    if (dropout > 0f && mode.training()) {
      Operand<TFloat32> step = vars.state().get(StatelessDropout.STEP);
      hGated = StatelessDropout.apply(tf, hGated, dropout, salt, step);
      applied.add(new Out(hGated, Params.of(StatelessDropout.STEP, StatelessDropout.next(tf, step))));
    }
    Operand<TFloat32> hNew = apply(tf, hOut, vars, hGated, mode, applied);
    return mask == MaskType.B ? tf.math.add(hNew, h) : hNew;
  }

  /** The channels each stack receives; fails, naming the layer, for an input it cannot take. */
  private static long inputChannels(String name, Shape in, MaskType mask, int hidden, int classes) {
    if (mask == MaskType.B) {
      Stream.check(name, in, hidden, classes);
      return hidden;
    }
    if (in.numDimensions() != 4 || in.get(1) <= 0 || in.get(2) <= 0 || in.get(3) <= classes) {
      throw new IllegalArgumentException("layer '" + name + "' (mask A) needs [batch, height, width, codes"
          + (classes > 0 ? " + " + classes + " class channels" : "") + "] with known sizes and at least one code channel, got " + in);
    }
    return in.get(3) - classes;
  }

  private static Operand<TFloat32> apply(Ops tf, Layer child, Vars vars, Operand<TFloat32> x, Mode mode, List<Out> applied) {
    Out out = Children.apply(tf, child, vars, x, mode);
    applied.add(out);
    return out.y();
  }

  /** {@code onehot @ bias} at every position, as a 1x1 convolution without bias. */
  private static Operand<TFloat32> classBias(Ops tf, Operand<TFloat32> cond, Operand<TFloat32> table) {
    Shape s = table.shape();
    var kernel = tf.reshape(table, tf.constant(new long[] {1, 1, s.get(0), s.get(1)}));
    return tf.nn.conv2d(cond, kernel, List.of(1L, 1L, 1L, 1L), "VALID");
  }
}
