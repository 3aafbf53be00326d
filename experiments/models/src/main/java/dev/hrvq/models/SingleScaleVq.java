package dev.hrvq.models;

import dev.hrvq.api.Children;
import dev.hrvq.api.Init;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.InputSpec;
import dev.hrvq.api.runtime.Loss;
import dev.hrvq.api.runtime.Model;
import dev.hrvq.api.runtime.Program;
import dev.hrvq.layers.Blocks;
import dev.hrvq.losses.Losses;
import dev.hrvq.losses.Terms;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.QuantizeOut;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Encoder, one quantizer over one latent map, decoder: the shape shared by HR-VQVAE (a tree of
 * codebooks) and VQ-VAE (a flat codebook, a one-layer tree). Subclasses supply the quantizer and
 * its objective. Parameters live under {@code enc/}, {@code quantizer/} and {@code dec/}.
 */
public abstract class SingleScaleVq implements VqAutoencoder {
  /** The scope of the quantizer's parameters and state: {@code quantizer/layer1/codebook}. */
  public static final String QUANTIZER = "quantizer";

  /** The path of layer {@code layer}'s codebooks in the model's parameters (or state, with EMA). */
  public static String codebookPath(int layer) {
    return QUANTIZER + "/" + HierarchicalQuantizer.codebookPath(layer);
  }

  final Layer encoder;
  final HierarchicalQuantizer quantizer;
  final Layer decoder;
  final InputSpec image;
  final Shape latent;
  final Init variables;

  final Precision precision;

  SingleScaleVq(Architecture arch, HierarchicalQuantizer quantizer, Precision precision) {
    this.encoder = precision.stack(Blocks.encoder("enc", arch.hidden(), arch.residualUnits(), arch.dim(), arch.downsample()));
    this.quantizer = quantizer;
    this.decoder = precision.stack(Blocks.decoder("dec", arch.hidden(), arch.residualUnits(), arch.channels(), arch.downsample()));
    this.precision = precision;
    this.image = InputSpec.floats(-1, arch.imageSize(), arch.imageSize(), arch.channels());
    Children a = new Children("model");
    this.latent = a.add(encoder, image.shape());
    a.add(QUANTIZER, quantizer.init(latent));
    Shape out = a.add(decoder, latent);
    this.variables = a.toInit(out);
  }

  /** The quantizer's loss terms (without reconstruction). */
  abstract Terms objective(Ops tf, QuantizeOut q);

  @Override
  public Precision precision() {
    return precision;
  }

  @Override
  public InputSpec imageSpec() {
    return image;
  }

  @Override
  public Map<String, InputSpec> codeSpecs() {
    return Map.of("codes", InputSpec.longs(-1, latent.get(1), latent.get(2)));
  }

  @Override
  public Map<String, Long> codeRanges() {
    return Map.of("codes", quantizer.codesInLayer(quantizer.layers()));
  }

  @Override
  public Set<Integer> allLayers() {
    return IntStream.rangeClosed(1, quantizer.layers()).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  /** The latent map shape {@code [-1, h, w, D]}. */
  public Shape latentShape() {
    return latent;
  }

  @Override
  public Model model() {
    return Model.of(variables, Map.of("x", image), (tf, vars, in, mode) -> {
      Operand<TFloat32> x = in.floats("x");
      QuantizeOut q = quantize(tf, vars, x, mode);
      Operand<TFloat32> xHat = Children.apply(tf, decoder, vars, q.quantized(), mode).y();
      Terms terms = new Terms(Map.of("recon", Losses.mse(tf, x, xHat))).plus(objective(tf, q));
      return new Loss(terms.total(tf), terms.named(), dev.hrvq.api.Params.empty(), q.statistics().prefixed(QUANTIZER));
    });
  }

  QuantizeOut quantize(Ops tf, Vars vars, Operand<TFloat32> x, Mode mode) {
    Operand<TFloat32> z = Children.apply(tf, encoder, vars, x, mode).y();
    return quantizer.apply(tf, vars.scope(QUANTIZER), z, mode);
  }

  @Override
  public Program encode() {
    return (tf, vars, in) -> {
      QuantizeOut q = quantize(tf, vars, in.floats("x"), Mode.EVAL);
      return Map.of("codes", q.codes().get(q.codes().size() - 1));
    };
  }

  @Override
  public Program decode(Set<Integer> layers) {
    checkLayers(layers);
    return (tf, vars, in) -> {
      Operand<TFloat32> e = quantizer.decode(tf, vars.scope(QUANTIZER), in.longs("codes"), layers);
      return Map.of("x_hat", Children.apply(tf, decoder, vars, e, Mode.EVAL).y());
    };
  }

  @Override
  public Program reconstruct(Set<Integer> layers) {
    checkLayers(layers);
    return (tf, vars, in) -> {
      Operand<TFloat32> x = in.floats("x");
      QuantizeOut q = quantize(tf, vars, x, Mode.EVAL);
      List<Operand<TFloat32>> chosen = new ArrayList<>();
      for (int i : new TreeSet<>(layers)) {
        chosen.add(q.layers().get(i - 1).quantized());
      }
      Operand<TFloat32> e = chosen.size() == 1 ? chosen.get(0) : tf.math.addN(chosen);
      return Map.of("x_hat", Children.apply(tf, decoder, vars, tf.reshape(e, tf.shape(q.quantized())), Mode.EVAL).y(),
          "codes", q.codes().get(q.codes().size() - 1));
    };
  }

  /**
   * What the codebook options need from a batch: the latents {@code [N, D]} and, per layer, the
   * residual it quantized ({@code residual_l<i>}) and its global codes ({@code codes_l<i>}).
   */
  public Program internals() {
    return (tf, vars, in) -> {
      QuantizeOut q = quantize(tf, vars, in.floats("x"), Mode.EVAL);
      Map<String, Operand<?>> out = new LinkedHashMap<>();
      out.put("latents", q.latents());
      for (int i = 1; i <= q.layers().size(); i++) {
        out.put("residual_l" + i, q.layers().get(i - 1).residual());
        out.put("codes_l" + i, q.layers().get(i - 1).globalCodes());
      }
      return out;
    };
  }

  public HierarchicalQuantizer quantizer() {
    return quantizer;
  }

  void checkLayers(Set<Integer> layers) {
    if (layers.isEmpty() || !allLayers().containsAll(layers)) {
      throw new IllegalArgumentException("layers " + layers + " are not a non-empty subset of " + allLayers());
    }
  }
}
