package dev.hrvq.models;

import dev.hrvq.api.Children;
import dev.hrvq.api.Init;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.InputSpec;
import dev.hrvq.api.runtime.BatchSums;
import dev.hrvq.api.runtime.Loss;
import dev.hrvq.api.runtime.Model;
import dev.hrvq.api.runtime.Program;
import dev.hrvq.layers.Blocks;
import dev.hrvq.layers.Layers;
import dev.hrvq.losses.Losses;
import dev.hrvq.losses.Terms;
import dev.hrvq.losses.VqObjectives;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.QuantizeOut;
import dev.hrvq.quantize.VectorQuantizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * VQ-VAE-2 (Razavi et al. 2019) with 2 or 3 levels: level 0 (bottom) at {@code imageSize /
 * downsample}, each level above at half the resolution of the one below. Encoders run bottom-up;
 * quantization runs top-down, each lower level conditioned on a decoding of everything above it;
 * the decoder sees the concatenation of all levels, upsampled to the bottom resolution.
 * One flat codebook of {@code codes} codewords per level. Codes: {@code codes0} (bottom) ...
 *
 * <pre>
 * h0 = enc0(x), h_j = enc_j(h_{j-1})                 (hidden channels)
 * q_top = Q_top(pre_top(h_top));  ctx_top = q_top      (D channels)
 * for j below the top:  q_j = Q_j(pre_j(concat(h_j, cond_j(ctx_{j+1}))))
 *                       ctx_j = concat(q_j, up_j(ctx_{j+1}))
 * x_hat = dec(ctx_0)                                   (D * levels channels)
 * </pre>
 */
public final class VqVae2 implements VqAutoencoder {
  private final Architecture arch;
  private final int levels;
  private final float beta;
  private final InputSpec image;
  /**
   * One level's parts, index {@code j} from the bottom (0-based, as in the variable and code-map
   * names {@code enc0}, {@code q0}, {@code codes0}; decoding chooses levels 1-based): its encoder,
   * the 1x1 convolution to the latent, its quantizer, and, below the top, the decoder of the
   * context from above ({@code cond}) and its upsampling ({@code up}).
   */
  private record Level(int j, Layer encoder, Layer pre, HierarchicalQuantizer quantizer, Layer cond, Layer up, Shape latent) {
    String quantizerScope() {
      return "q" + j;
    }

    String codeMap() {
      return "codes" + j;
    }

    Level withLatent(Shape z) {
      return new Level(j, encoder, pre, quantizer, cond, up, z);
    }
  }

  private final List<Level> levelParts = new ArrayList<>();
  private final Precision precision;
  private final Layer decoder;
  private final Init variables;

  public VqVae2(Architecture arch, int levels, int codes, float beta) {
    this(arch, levels, codes, beta, Precision.FP32);
  }

  /** @param precision of the encoder, conditioning and decoder stacks (the quantizers stay float32) */
  public VqVae2(Architecture arch, int levels, int codes, float beta, Precision precision) {
    if (levels != 2 && levels != 3) {
      throw new IllegalArgumentException("VQ-VAE-2 has 2 or 3 levels, got " + levels);
    }
    int bottom = arch.imageSize() / arch.downsample();
    if (bottom % (1 << (levels - 1)) != 0) {
      throw new IllegalArgumentException("the bottom latent size " + bottom + " cannot be halved " + (levels - 1) + " times");
    }
    this.arch = arch;
    this.levels = levels;
    this.beta = beta;
    this.image = InputSpec.floats(-1, arch.imageSize(), arch.imageSize(), arch.channels());
    int h = arch.hidden();
    int d = arch.dim();
    Children a = new Children("model");
    Shape features = image.shape();
    List<Shape> hs = new ArrayList<>();
    for (int j = 0; j < levels; j++) {
      boolean top = j == levels - 1;
      Level level = new Level(j, precision.stack(Blocks.encoder("enc" + j, h, arch.residualUnits(), h, j == 0 ? arch.downsample() : 2)),
          precision.stack(Layers.conv2d("pre" + j, d, 1, 1)), VectorQuantizer.of(codes),
          top ? null : precision.stack(Blocks.decoder("cond" + j, h, arch.residualUnits(), d, 2)),
          top ? null : precision.stack(Layers.convTranspose2d("up" + j, d * (levels - 1 - j), 4, 2)), null);
      features = a.add(level.encoder(), features);
      hs.add(features);
      levelParts.add(level);
    }
    Shape ctx = null;
    for (int j = levels - 1; j >= 0; j--) {
      Level level = levelParts.get(j);
      Shape in = hs.get(j);
      if (j < levels - 1) {
        Shape c = a.add(level.cond(), ctx);
        in = Shape.of(-1, in.get(1), in.get(2), in.get(3) + c.get(3));
      }
      Shape z = a.add(level.pre(), in);
      a.add(level.quantizerScope(), level.quantizer().init(z));
      levelParts.set(j, level.withLatent(z));
      ctx = j == levels - 1 ? z : Shape.of(-1, z.get(1), z.get(2), d + a.add(level.up(), ctx).get(3));
    }
    this.decoder = precision.stack(Blocks.decoder("dec", h, arch.residualUnits(), arch.channels(), arch.downsample()));
    this.precision = precision;
    Shape out = a.add(decoder, ctx);
    this.variables = a.toInit(out);
  }

  /** The paper's MNIST-scale VQ-VAE-2: 3 levels of 512 codes on the MNIST architecture. */
  public static VqVae2 mnist() {
    return new VqVae2(Architecture.mnist(), 3, 512, 0.25f);
  }

  @Override
  public Precision precision() {
    return precision;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.VQVAE2;
  }

  public int levels() {
    return levels;
  }

  @Override
  public InputSpec imageSpec() {
    return image;
  }

  @Override
  public Map<String, InputSpec> codeSpecs() {
    Map<String, InputSpec> out = new LinkedHashMap<>();
    for (Level level : levelParts) {
      out.put(level.codeMap(), InputSpec.longs(-1, level.latent().get(1), level.latent().get(2)));
    }
    return out;
  }

  @Override
  public Map<String, Long> codeRanges() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Level level : levelParts) {
      out.put(level.codeMap(), level.quantizer().codesInLayer(1));
    }
    return out;
  }

  /** Levels, 1-based from the bottom: {1, 2} or {1, 2, 3}. */
  @Override
  public Set<Integer> allLayers() {
    return IntStream.rangeClosed(1, levels).boxed().collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public Model model() {
    return Model.of(variables, Map.of("x", image), (tf, vars, in, mode) -> {
      Operand<TFloat32> x = in.floats("x");
      Encoded e = encodeAll(tf, vars, x, mode);
      Operand<TFloat32> xHat = Children.apply(tf, decoder, vars, context(tf, vars, j -> e.quantized.get(j).quantized(), mode), mode).y();
      Terms terms = new Terms(Map.of("recon", Losses.mse(tf, x, xHat)));
      BatchSums statistics = BatchSums.NONE;
      for (int j = 0; j < levels; j++) {
        QuantizeOut q = e.quantized.get(j);
        Terms level = VqObjectives.vqvae(tf, q.latents(), q.combined(), beta);
        Map<String, Operand<TFloat32>> renamed = new LinkedHashMap<>();
        int jj = j;
        level.named().forEach((k, v) -> renamed.put(k + "_level" + jj, v));
        terms = terms.plus(new Terms(renamed));
        statistics = statistics.merge(q.statistics().keepTerms(Map.of("perplexity_l1", "perplexity_level" + j))
            .prefixed(levelParts.get(j).quantizerScope()));
      }
      return new Loss(terms.total(tf), terms.named(), dev.hrvq.api.Params.empty(), statistics);
    });
  }

  private record Encoded(List<QuantizeOut> quantized) {}

  /** Bottom-up features, then top-down quantization, each level conditioned on the ones above. */
  private Encoded encodeAll(Ops tf, Vars vars, Operand<TFloat32> x, Mode mode) {
    List<Operand<TFloat32>> hs = new ArrayList<>();
    Operand<TFloat32> f = x;
    for (Level level : levelParts) {
      f = Children.apply(tf, level.encoder(), vars, f, mode).y();
      hs.add(f);
    }
    List<QuantizeOut> qs = new ArrayList<>(java.util.Collections.nCopies(levels, null));
    Operand<TFloat32> ctx = null;
    for (int j = levels - 1; j >= 0; j--) {
      Level level = levelParts.get(j);
      Operand<TFloat32> in = hs.get(j);
      if (j < levels - 1) {
        Operand<TFloat32> c = Children.apply(tf, level.cond(), vars, ctx, mode).y();
        in = tf.concat(List.of(in, c), tf.constant(-1));
      }
      Operand<TFloat32> z = Children.apply(tf, level.pre(), vars, in, mode).y();
      QuantizeOut q = level.quantizer().apply(tf, vars.scope(level.quantizerScope()), z, mode);
      qs.set(j, q);
      ctx = j == levels - 1 ? q.quantized()
          : tf.concat(List.of(q.quantized(), Children.apply(tf, level.up(), vars, ctx, mode).y()), tf.constant(-1));
    }
    return new Encoded(qs);
  }

  /** The decoder's input from each level's quantized map (given by {@code level}). */
  private Operand<TFloat32> context(Ops tf, Vars vars, IntFunction<Operand<TFloat32>> level, Mode mode) {
    Operand<TFloat32> ctx = level.apply(levels - 1);
    for (int j = levels - 2; j >= 0; j--) {
      ctx = tf.concat(List.of(level.apply(j), Children.apply(tf, levelParts.get(j).up(), vars, ctx, mode).y()), tf.constant(-1));
    }
    return ctx;
  }

  @Override
  public Program encode() {
    return (tf, vars, in) -> {
      Encoded e = encodeAll(tf, vars, in.floats("x"), Mode.EVAL);
      Map<String, Operand<?>> out = new LinkedHashMap<>();
      for (Level level : levelParts) {
        out.put(level.codeMap(), e.quantized.get(level.j()).codes().get(0));
      }
      return out;
    };
  }

  /** Decodes the chosen levels (1-based from the bottom); the others contribute zeros. */
  @Override
  public Program decode(Set<Integer> chosen) {
    checkLevels(chosen);
    return (tf, vars, in) -> {
      IntFunction<Operand<TFloat32>> level = j -> {
        Level l = levelParts.get(j);
        Operand<TFloat32> q = l.quantizer().decode(tf, vars.scope(l.quantizerScope()), in.longs(l.codeMap()), Set.of(1));
        return chosen.contains(j + 1) ? q : tf.zerosLike(q);
      };
      return Map.of("x_hat", Children.apply(tf, decoder, vars, context(tf, vars, level, Mode.EVAL), Mode.EVAL).y());
    };
  }

  @Override
  public Program reconstruct(Set<Integer> chosen) {
    checkLevels(chosen);
    return (tf, vars, in) -> {
      Encoded e = encodeAll(tf, vars, in.floats("x"), Mode.EVAL);
      IntFunction<Operand<TFloat32>> level = j -> {
        Operand<TFloat32> q = e.quantized.get(j).quantized();
        return chosen.contains(j + 1) ? q : tf.zerosLike(q);
      };
      Map<String, Operand<?>> out = new LinkedHashMap<>();
      out.put("x_hat", Children.apply(tf, decoder, vars, context(tf, vars, level, Mode.EVAL), Mode.EVAL).y());
      for (Level l : levelParts) {
        out.put(l.codeMap(), e.quantized.get(l.j()).codes().get(0));
      }
      return out;
    };
  }

  private void checkLevels(Set<Integer> chosen) {
    if (chosen.isEmpty() || !allLayers().containsAll(chosen)) {
      throw new IllegalArgumentException("levels " + chosen + " are not a non-empty subset of " + allLayers());
    }
  }

  public Architecture architecture() {
    return arch;
  }
}
