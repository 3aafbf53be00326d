package dev.hrvq.models;

import dev.hrvq.api.Children;
import dev.hrvq.api.Init;
import dev.hrvq.api.Initializers;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Out;
import dev.hrvq.api.ParamSpec;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.InputSpec;
import dev.hrvq.api.runtime.Inputs;
import dev.hrvq.api.runtime.Loss;
import dev.hrvq.api.runtime.Model;
import dev.hrvq.api.runtime.Program;
import dev.hrvq.layers.pixelcnn.GatedPixelCnn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A gated PixelCNN prior over one code map ({@code [H, W]} codes in {@code [0, K)}): codes are
 * embedded (a learned {@code [K, E]} table), the network predicts each position's code from the
 * positions before it in raster order, and the loss is the mean negative log-likelihood per
 * position. It may be conditioned on class labels (one-hot) and on code maps of upper levels
 * (VQ-VAE-2: their embeddings, upsampled to this map's size), both seen at every position.
 *
 * <p>For HR-VQVAE the map holds leaf codes ({@code K = m^n}): one softmax per position models the
 * joint distribution of all layers' codes exactly, at the cost of one sampling step per position.
 *
 * <p>Sampling: {@link #logits()} runs the whole network over the whole map, one pass per position.
 * Without attention ({@link #incremental()}), {@link #rowContext()} (once per row) and
 * {@link #rowStep()} (once per position, on that row alone) give the same logits for much less:
 * the vertical stacks at row i have seen only rows above i, and the rest of the network is
 * row-local. Both read the same parameters as {@link #model()}, so a trained checkpoint serves.
 */
public final class PixelCnnPrior {
  /** The scalar input of {@link #rowContext()}: the row to sample. */
  public static final String ROW = "row";
  /** The scalar input of {@link #rowStep()}: the column to sample. */
  public static final String COLUMN = "column";
  /** The input of {@link #rowStep()} holding the codes of the row being sampled, {@code [N, 1, W]}. */
  public static final String ROW_CODES = "row_codes";
  /** The output of {@link #rowContext()} (and input of {@link #rowStep()}) holding the row's condition. */
  public static final String CONDITION = "condition";
  /** The prefix of the outputs of {@link #rowContext()} (and inputs of {@link #rowStep()}) {@code above0, above1, ...}, one per block. */
  public static final String ABOVE = "above";

  /** A code map this prior is conditioned on: its name, size and number of codes. */
  public record Upper(String name, long height, long width, long codes) {}

  /** The network's sizes. */
  public record Sizes(int hidden, int blocks, int kernel, int attentionEvery, float dropout, int embedding) {}

  private final long height;
  private final long width;
  private final long codes;
  private final int labels;
  private final List<Upper> uppers;
  private final Sizes sizes;
  private final GatedPixelCnn net;
  private final Layer network;
  private final Init variables;
  private final Precision precision;

  /**
   * @param labels number of classes to condition on, 0 for none
   * @param uppers code maps to condition on (empty for none)
   */
  public PixelCnnPrior(long height, long width, long codes, int labels, List<Upper> uppers, Sizes sizes) {
    this(height, width, codes, labels, uppers, sizes, Precision.FP32);
  }

  /**
   * @param precision of the network (the embeddings, the loss and the sampler's softmax stay float32)
   */
  public PixelCnnPrior(long height, long width, long codes, int labels, List<Upper> uppers, Sizes sizes, Precision precision) {
    this.height = height;
    this.width = width;
    this.codes = codes;
    this.labels = labels;
    this.uppers = List.copyOf(uppers);
    this.sizes = sizes;
    int conditioning = labels + sizes.embedding() * uppers.size();
    this.net = GatedPixelCnn.of("net", conditioning, sizes.hidden(), sizes.blocks(), sizes.kernel(),
        sizes.attentionEvery(), Math.toIntExact(codes), sizes.dropout());
    this.network = precision.stack(net.layer());
    this.precision = precision;
    Children parts = new Children("prior");
    Shape out = parts.add(network, Shape.of(-1, height, width, sizes.embedding() + conditioning));
    parts.param("embed", new ParamSpec(Shape.of(codes, sizes.embedding()), Initializers.normal(1f)));
    for (Upper u : uppers) {
      parts.param("embed_" + u.name(), new ParamSpec(Shape.of(u.codes(), sizes.embedding()), Initializers.normal(1f)));
    }
    this.variables = parts.toInit(out);
  }

  /** The number format of the network (the embeddings and the loss are float32 in both). */
  public Precision precision() {
    return precision;
  }

  public long codes() {
    return codes;
  }

  public long height() {
    return height;
  }

  public long width() {
    return width;
  }

  public int labels() {
    return labels;
  }

  public List<Upper> uppers() {
    return uppers;
  }

  /** The inputs: {@code codes}, {@code labels} (one-hot floats) when conditioned, one map per upper level. */
  public Map<String, InputSpec> inputs() {
    Map<String, InputSpec> in = new LinkedHashMap<>();
    in.put("codes", InputSpec.longs(-1, height, width));
    if (labels > 0) {
      in.put("labels", InputSpec.floats(-1, labels));
    }
    uppers.forEach(u -> in.put(u.name(), InputSpec.longs(-1, u.height(), u.width())));
    return in;
  }

  /** Training: {@code nll} in nats per position (the loss) and {@code bits} per position. */
  public Model model() {
    return new Model(variables.params(), variables.state(), inputs(), (tf, vars, in, mode) -> {
      Out out = forward(tf, vars, in, mode);
      var nll = nll(tf, out.y(), in);
      return new Loss(nll, Map.of("bits", tf.math.div(nll, tf.constant((float) Math.log(2)))), out.state());
    });
  }

  /** {@code bits}: the mean negative log-likelihood of a batch of code maps, in bits per position. */
  public Program bits() {
    return (tf, vars, in) -> Map.of("bits",
        tf.math.div(nll(tf, forward(tf, vars, in, Mode.EVAL).y(), in), tf.constant((float) Math.log(2))));
  }

  /** Mean cross-entropy (nats) of the logits against the codes, over every position. */
  private Operand<TFloat32> nll(Ops tf, Operand<TFloat32> logits, Inputs in) {
    var flat = tf.reshape(logits, tf.constant(new long[] {-1, codes}));
    var target = tf.oneHot(tf.reshape(in.longs("codes"), tf.constant(new long[] {-1})), tf.constant((int) codes),
        tf.constant(1f), tf.constant(0f));
    return tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(flat, target).loss(), tf.constant(0));
  }

  /** {@code logits [B, H, W, K]} for the given codes (and conditions). */
  public Program logits() {
    return (tf, vars, in) -> Map.of("logits", forward(tf, vars, in, Mode.EVAL).y());
  }

  /**
   * Whether {@link #rowContext()} and {@link #rowStep()} may be used: not with attention
   * ({@code attentionEvery > 0}), which attends across the whole map; sample with {@link #logits()} then.
   */
  public boolean incremental() {
    return net.rowwise();
  }

  /** The inputs of {@link #rowContext()}: those of {@link #inputs()} and {@link #ROW}, a scalar. */
  public Map<String, InputSpec> rowContextInputs() {
    Map<String, InputSpec> in = new LinkedHashMap<>(inputs());
    in.put(ROW, InputSpec.longs());
    return in;
  }

  /**
   * What row {@link #ROW} needs from the code map ({@code codes}, whose rows from that one on are
   * never read) and the conditions: {@code above<b>} ({@code [N, 1, W, 2 * hidden]}) for each block
   * b and, when conditioned, {@link #CONDITION} ({@code [N, 1, W, labels + embedding * uppers]}).
   * Every output is an input of {@link #rowStep()} by the same name: feed the tensors straight back.
   */
  public Program rowContext() {
    return (tf, vars, in) -> {
      var row = tf.dtypes.cast(in.longs(ROW), TInt32.class);
      // In the network's precision, as the full network computes; handed over in float32.
      GatedPixelCnn.Row context = net.rowContext(tf, precision.vars(tf, vars.scope(network.name())),
          precision.in(tf, input(tf, vars, in)), row);
      Map<String, Operand<?>> out = new LinkedHashMap<>();
      for (int b = 0; b < context.above().size(); b++) {
        out.put(ABOVE + b, precision.out(tf, context.above().get(b)));
      }
      if (context.condition() != null) {
        out.put(CONDITION, precision.out(tf, context.condition()));
      }
      return out;
    };
  }

  /**
   * The inputs of {@link #rowStep()}: {@link #ROW_CODES} ({@code [N, 1, W]}), {@link #COLUMN} (a
   * scalar), and the outputs of {@link #rowContext()} for that row.
   */
  public Map<String, InputSpec> rowStepInputs() {
    Map<String, InputSpec> in = new LinkedHashMap<>();
    in.put(ROW_CODES, InputSpec.longs(-1, 1, width));
    in.put(COLUMN, InputSpec.longs());
    int conditioning = conditioning();
    if (conditioning > 0) {
      in.put(CONDITION, InputSpec.floats(-1, 1, width, conditioning));
    }
    for (int b = 0; b < net.blocks(); b++) {
      in.put(ABOVE + b, InputSpec.floats(-1, 1, width, 2L * sizes.hidden()));
    }
    return in;
  }

  /**
   * {@code logits [N, K]} at column {@link #COLUMN} of the row {@link #rowContext()} was run for,
   * equal to {@link #logits()} there; the codes of {@link #ROW_CODES} from that column on are never read.
   */
  public Program rowStep() {
    return (tf, vars, in) -> {
      List<Operand<TFloat32>> channels = new ArrayList<>();
      channels.add(embed(tf, vars.params().get("embed"), in.longs(ROW_CODES)));
      if (conditioning() > 0) {
        channels.add(in.floats(CONDITION));
      }
      Operand<TFloat32> x = channels.size() == 1 ? channels.get(0) : tf.concat(channels, tf.constant(-1));
      List<Operand<TFloat32>> above = new ArrayList<>();
      for (int b = 0; b < net.blocks(); b++) {
        above.add(precision.in(tf, in.floats(ABOVE + b)));
      }
      var column = tf.dtypes.cast(in.longs(COLUMN), TInt32.class);
      return Map.of("logits", precision.out(tf,
          net.rowStep(tf, precision.vars(tf, vars.scope(network.name())), precision.in(tf, x), above, column)));
    };
  }

  private int conditioning() {
    return labels + sizes.embedding() * uppers.size();
  }

  private Out forward(Ops tf, Vars vars, Inputs in, Mode mode) {
    return Children.apply(tf, network, vars, input(tf, vars, in), mode);
  }

  /** The network's input {@code [N, H, W, embedding + conditioning]}: embedded codes, label one-hot, upsampled upper embeddings. */
  private Operand<TFloat32> input(Ops tf, Vars vars, Inputs in) {
    List<Operand<TFloat32>> channels = new ArrayList<>();
    channels.add(embed(tf, vars.params().get("embed"), in.longs("codes")));
    if (labels > 0) {
      var perImage = tf.reshape(in.floats("labels"), tf.constant(new long[] {-1, 1, 1, labels}));
      channels.add(tf.tile(perImage, tf.constant(new long[] {1, height, width, 1})));
    }
    for (Upper u : uppers) {
      var e = embed(tf, vars.params().get("embed_" + u.name()), in.longs(u.name()));
      channels.add(tf.image.resizeNearestNeighbor(e, tf.constant(new int[] {(int) height, (int) width})));
    }
    return channels.size() == 1 ? channels.get(0) : tf.concat(channels, tf.constant(-1));
  }

  private static Operand<TFloat32> embed(Ops tf, Operand<TFloat32> table, Operand<TInt64> codes) {
    return tf.gather(table, codes, tf.constant(0));
  }

}
