package dev.hrvq.layers.pixelcnn;

import dev.hrvq.api.Children;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Out;
import dev.hrvq.api.Vars;
import dev.hrvq.layers.Layers;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A gated PixelCNN prior over a grid of codes: a mask-A {@link GatedBlock}, mask-B blocks, optional
 * {@link CausalSelfAttention} on the horizontal stack, and a 1x1 head to logits per position.
 * Output logits at (i, j) depend only on input positions before (i, j) in raster order.
 *
 * <p>Besides the whole network as one {@link #layer()}, a network without attention runs in two
 * pieces for sampling one row at a time, on the same parameters: {@link #rowContext} (the
 * vertical stacks over the whole map, which at row i have seen only rows above i) and
 * {@link #rowStep} (the horizontal stacks and the head on row i alone, which are row-local).
 */
public final class GatedPixelCnn {
  private final String name;
  private final int classes;
  private final List<GatedBlock> blocks;
  private final boolean attention;
  /** The layers after the horizontal stack is read out: relu, head, relu, logits. */
  private final List<Layer> tail;
  private final Layer layer;

  private GatedPixelCnn(String name, int classes, int hidden, int blocks, int kernel, int attentionEvery,
      int outputsPerPosition, float dropout) {
    if (blocks < 1) {
      throw new IllegalArgumentException("network '" + name + "': blocks must be at least 1, got " + blocks);
    }
    if (attentionEvery < 0) {
      throw new IllegalArgumentException("network '" + name + "': attentionEvery must be >= 0, got " + attentionEvery);
    }
    if (outputsPerPosition <= 0) {
      throw new IllegalArgumentException("network '" + name + "': outputsPerPosition must be positive, got " + outputsPerPosition);
    }
    this.name = name;
    this.classes = classes;
    this.attention = attentionEvery > 0;
    List<GatedBlock> gated = new ArrayList<>();
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      GatedBlock block = GatedBlock.block("block" + i, i == 0 ? MaskType.A : MaskType.B, hidden, kernel, classes, dropout);
      gated.add(block);
      layers.add(block.layer());
      if (attentionEvery > 0 && (i + 1) % attentionEvery == 0) {
        layers.add(Stream.onHorizontal(CausalSelfAttention.layer("attention" + i, hidden), hidden, classes));
      }
    }
    this.blocks = List.copyOf(gated);
    this.tail = List.of(Layers.relu(), Layers.conv2d("head", hidden, 1, 1), Layers.relu(),
        Layers.conv2d("logits", outputsPerPosition, 1, 1));
    // Only the horizontal stack is causal in raster order; the vertical one has seen the whole row.
    layers.add(Stream.horizontal("horizontal", hidden, classes));
    layers.addAll(tail);
    this.layer = Layers.serial(name, layers.toArray(Layer[]::new));
  }

  /** {@link #network(String, int, int, int, int, int, int, float)} without dropout. */
  public static Layer network(String name, int classesOrZero, int hidden, int blocks, int kernel, int attentionEvery,
      int outputsPerPosition) {
    return network(name, classesOrZero, hidden, blocks, kernel, attentionEvery, outputsPerPosition, 0f);
  }

  /**
   * The network {@code [B,H,W,C_in + classes] -> [B,H,W,outputsPerPosition]} as one layer: {@code of(...).layer()}.
   *
   * <p>Input: the first {@code C_in} channels embed the codes (e.g. a one-hot of K codes; the caller
   * decides); when {@code classesOrZero > 0} the trailing channels hold the class one-hot, the same
   * at every position. Parameters: {@code block0/...} to {@code block<n-1>/...},
   * {@code attention<i>/...} (after block i when {@code (i + 1) % attentionEvery == 0}),
   * {@code head/...}, {@code logits/...}.
   *
   * @param blocks at least 1; the first is mask A
   * @param attentionEvery attention after every this many blocks, 0 for none
   * @param dropout rate inside every gated block in {@code Mode.TRAIN}, 0 for none
   */
  public static Layer network(String name, int classesOrZero, int hidden, int blocks, int kernel, int attentionEvery,
      int outputsPerPosition, float dropout) {
    return of(name, classesOrZero, hidden, blocks, kernel, attentionEvery, outputsPerPosition, dropout).layer();
  }

  /** The network, arguments as {@link #network(String, int, int, int, int, int, int, float)}. */
  public static GatedPixelCnn of(String name, int classesOrZero, int hidden, int blocks, int kernel, int attentionEvery,
      int outputsPerPosition, float dropout) {
    return new GatedPixelCnn(name, classesOrZero, hidden, blocks, kernel, attentionEvery, outputsPerPosition, dropout);
  }

  /** The whole network as one layer, for training and for the logits of a whole map. */
  public Layer layer() {
    return layer;
  }

  /**
   * Whether {@link #rowContext} and {@link #rowStep} may be used: not with attention, which lets a
   * position read the horizontal stack of every earlier row, so no row can be run on its own.
   */
  public boolean rowwise() {
    return !attention;
  }

  /** The number of gated blocks, and so of {@link Row#above()} tensors. */
  public int blocks() {
    return blocks.size();
  }

  /**
   * What row {@code row} needs from the rest of the map: for each block, the {@code [N,1,W,2p]}
   * its horizontal stack adds from the vertical one there ({@code v_to_h(shiftDown(vPre))} at that
   * row, which has seen rows above it only), and the input's trailing {@code classes} channels of
   * that row ({@code [N,1,W,classes]}, null without them).
   */
  public record Row(List<Operand<TFloat32>> above, Operand<TFloat32> condition) {
    public Row {
      above = List.copyOf(above);
    }
  }

  /**
   * The vertical stacks over the whole input {@code x} ({@code [N,H,W,C_in + classes]}, as the
   * layer takes it) and what row {@code row} (an int32 scalar) needs of them. Rows at and below
   * {@code row} of {@code x} are never read, so they may hold anything. In {@link Mode#EVAL};
   * {@code vars} are the network's own, as its layer gets them.
   */
  public Row rowContext(Ops tf, Vars vars, Operand<TFloat32> x, Operand<TInt32> row) {
    requireRowwise();
    long channels = x.shape().get(3);
    Operand<TFloat32> v = Channels.slice(tf, x, 0, channels - classes);
    Operand<TFloat32> cond = classes > 0 ? Channels.slice(tf, x, channels - classes, classes) : null;
    List<Operand<TFloat32>> above = new ArrayList<>();
    List<Out> unused = new ArrayList<>();
    for (GatedBlock block : blocks) {
      Vars own = vars.scope(block.name());
      Operand<TFloat32> vPre = block.verticalPre(tf, own, v, Mode.EVAL, unused);
      above.add(block.fromAbove(tf, own, Channels.row(tf, Channels.shiftDown(tf, vPre), row), Mode.EVAL, unused));
      v = block.verticalOut(tf, own, vPre, cond);
    }
    return new Row(above, cond != null ? Channels.row(tf, cond, row) : null);
  }

  /**
   * The outputs at column {@code column} (an int32 scalar) of one row, {@code [N, outputsPerPosition]},
   * equal to the whole network's at that position: {@code xRow} is that row of the input
   * ({@code [N,1,W,C_in + classes]}; columns at and right of {@code column} are never read) and
   * {@code above} is {@link Row#above()} of {@link #rowContext} for the same row. In {@link Mode#EVAL}.
   */
  public Operand<TFloat32> rowStep(Ops tf, Vars vars, Operand<TFloat32> xRow, List<Operand<TFloat32>> above, Operand<TInt32> column) {
    requireRowwise();
    if (above.size() != blocks.size()) {
      throw new IllegalArgumentException("network '" + name + "' has " + blocks.size() + " blocks, got " + above.size() + " row contexts");
    }
    long channels = xRow.shape().get(3);
    Operand<TFloat32> h = Channels.slice(tf, xRow, 0, channels - classes);
    Operand<TFloat32> cond = classes > 0 ? Channels.slice(tf, xRow, channels - classes, classes) : null;
    List<Out> unused = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      GatedBlock block = blocks.get(b);
      h = block.horizontalOut(tf, vars.scope(block.name()), h, above.get(b), cond, Mode.EVAL, unused);
    }
    // The head is 1x1: only the column asked for needs it.
    Operand<TFloat32> y = Channels.column(tf, h, column);
    for (Layer l : tail) {
      y = Children.apply(tf, l, vars, y, Mode.EVAL).y();
    }
    return tf.reshape(y, tf.constant(new long[] {-1, y.shape().get(3)}));
  }

  private void requireRowwise() {
    if (!rowwise()) {
      throw new IllegalStateException("network '" + name + "' has attention, which reads every earlier row's horizontal "
          + "stack: it cannot run one row at a time; use its whole layer()");
    }
  }
}
