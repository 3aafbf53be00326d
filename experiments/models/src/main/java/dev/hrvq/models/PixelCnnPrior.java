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
import org.tensorflow.types.TInt64;

/**
 * A gated PixelCNN prior over one code map ({@code [H, W]} codes in {@code [0, K)}): codes are
 * embedded (a learned {@code [K, E]} table), the network predicts each position's code from the
 * positions before it in raster order, and the loss is the mean negative log-likelihood per
 * position. It may be conditioned on class labels (one-hot) and on code maps of upper levels
 * (VQ-VAE-2: their embeddings, upsampled to this map's size), both seen at every position.
 *
 * <p>For HR-VQVAE the map holds leaf codes ({@code K = m^n}): one softmax per position models the
 * joint distribution of all layers' codes exactly, at the cost of one network pass per position.
 */
public final class PixelCnnPrior {
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
  private final Layer network;
  private final Init variables;

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
    this.network = precision.stack(GatedPixelCnn.network("net", conditioning, sizes.hidden(), sizes.blocks(), sizes.kernel(),
        sizes.attentionEvery(), Math.toIntExact(codes), sizes.dropout()));
    Children parts = new Children("prior");
    Shape out = parts.add(network, Shape.of(-1, height, width, sizes.embedding() + conditioning));
    parts.param("embed", new ParamSpec(Shape.of(codes, sizes.embedding()), Initializers.normal(1f)));
    for (Upper u : uppers) {
      parts.param("embed_" + u.name(), new ParamSpec(Shape.of(u.codes(), sizes.embedding()), Initializers.normal(1f)));
    }
    this.variables = parts.toInit(out);
  }

  public long codes() {
    return codes;
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

  private Out forward(Ops tf, Vars vars, Inputs in, Mode mode) {
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
    Operand<TFloat32> x = channels.size() == 1 ? channels.get(0) : tf.concat(channels, tf.constant(-1));
    return Children.apply(tf, network, vars, x, mode);
  }

  private static Operand<TFloat32> embed(Ops tf, Operand<TFloat32> table, Operand<TInt64> codes) {
    return tf.gather(table, codes, tf.constant(0));
  }

}
