package dev.hrvq.quantize;

import dev.hrvq.api.Init;
import dev.hrvq.api.Initializer;
import dev.hrvq.api.Initializers;
import dev.hrvq.api.Mode;
import dev.hrvq.api.ParamSpec;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.BatchSums;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * HR-VQVAE's tree of codebooks (Adiban et al. 2022): {@code n} layers of codebooks with {@code m}
 * codewords each. Layer {@code i} holds {@code m^(i-1)} codebooks as one tensor
 * {@code layer<i>/codebook [m^(i-1), m, D]}; each vector searches only the codebook its previous
 * picks select ({@code path = path * m + k}) and passes its residual on. The decoder input is
 * {@code e_C = sum_i e_i}, straight-through to the latents.
 *
 * <p>The tree search is a graph of a fixed number of ops per layer, whatever the number of
 * codebooks (vectors grouped into blocks that share a codebook, one batched matmul per layer: see
 * {@code TreeSearch}); its codes are those of a brute-force search in each vector's codebook.
 *
 * <p>{@link Search#FLAT} searches all {@code m^i} codewords of a layer instead; it exists only to
 * measure what the tree saves ({@code n*m} distance evaluations per vector instead of up to
 * {@code m^n}) and its codes do not follow one path through the tree.
 */
public final class HierarchicalQuantizer implements Quantizer {

  /** How a layer finds its codeword. */
  public enum Search {
    /** The codebook selected by the previous layers' picks: the paper's method. */
    TREE,
    /** All codewords of the layer: for comparison only. */
    FLAT
  }

  /**
   * The most global codes (m^n) a tree may have: 2^24. The last layer holds m^n codewords of D
   * floats, evaluation keeps an m^n histogram per layer, and a prior's softmax is over m^n codes.
   */
  public static final long MAX_GLOBAL_CODES = 1L << 24;

  private final int m;
  private final int n;
  private final Search search;
  private final EmaOptions ema;
  private final List<Initializer> inits;

  private HierarchicalQuantizer(Builder b) {
    if (b.m < 2 && b.n > 1) {
      throw new IllegalArgumentException("a tree needs at least 2 codewords per codebook, got m=" + b.m);
    }
    if (b.m < 1 || b.n < 1) {
      throw new IllegalArgumentException("codewords and layers must be positive, got m=" + b.m + ", n=" + b.n);
    }
    if (Math.pow(b.m, b.n) > MAX_GLOBAL_CODES) {
      throw new IllegalArgumentException("m^n = " + b.m + "^" + b.n + " global codes are more than " + MAX_GLOBAL_CODES
          + " (the last layer's codebook tensor, its histograms and a prior's output all grow with m^n)");
    }
    this.m = b.m;
    this.n = b.n;
    this.search = b.search;
    this.ema = b.ema;
    this.inits = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      float bound = (float) (Math.pow(0.5, i - 1) / m);
      inits.add(b.init != null ? b.init : Initializers.uniform(-bound, bound));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public int codewords() {
    return m;
  }

  @Override
  public int layers() {
    return n;
  }

  @Override
  public long codesInLayer(int layer) {
    return pow(m, layer);
  }

  public Search search() {
    return search;
  }

  public boolean usesEma() {
    return ema != null;
  }

  /** The path of layer {@code layer}'s codebooks (1-based) in this quantizer's parameters or state. */
  public static String codebookPath(int layer) {
    return "layer" + layer + "/codebook";
  }

  /** The path of layer {@code layer}'s EMA counts in this quantizer's state. */
  public static String emaCountPath(int layer) {
    return "layer" + layer + "/ema_count";
  }

  /** The path of layer {@code layer}'s EMA sums in this quantizer's state. */
  public static String emaSumPath(int layer) {
    return "layer" + layer + "/ema_sum";
  }

  /** The path of layer {@code layer}'s code histogram (float counts per global code) in a batch's sums. */
  public static String histogramPath(int layer) {
    return "layer" + layer + "/histogram";
  }

  /** The path of layer {@code layer}'s sums of the residuals assigned to each global code, in a batch's sums. */
  public static String emaBatchSumPath(int layer) {
    return "layer" + layer + "/residual_sums";
  }

  @Override
  public Init init(Shape latentShape) {
    long dim = latentShape.get(latentShape.numDimensions() - 1);
    if (dim <= 0) {
      throw new IllegalArgumentException("the latent dimension (last axis of " + latentShape + ") must be known");
    }
    TreeMap<String, ParamSpec> codebooks = new TreeMap<>();
    TreeMap<String, ParamSpec> state = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      codebooks.put(codebookPath(i), new ParamSpec(Shape.of(pow(m, i - 1), m, dim), inits.get(i - 1)));
      if (ema != null) {
        state.put(emaCountPath(i), new ParamSpec(Shape.of(pow(m, i)), Initializers.zeros()));
        state.put(emaSumPath(i), new ParamSpec(Shape.of(pow(m, i), dim), Initializers.zeros()));
      }
    }
    if (ema != null) {
      state.putAll(codebooks);
      return new Init(latentShape, new TreeMap<>(), state);
    }
    return new Init(latentShape, codebooks, state);
  }

  private Operand<TFloat32> codebook(Vars vars, int layer) {
    return (ema != null ? vars.state() : vars.params()).get(codebookPath(layer));
  }

  @Override
  public QuantizeOut apply(Ops tf, Vars vars, Operand<TFloat32> latents, Mode mode) {
    long dim = latents.shape().get(latents.shape().numDimensions() - 1);
    Operand<TFloat32> xi0 = Codebooks.flatten(tf, latents, dim);
    Operand<TFloat32> r = xi0;
    List<QuantizedLayer> layers = new ArrayList<>();
    List<Operand<TInt64>> codes = new ArrayList<>();
    Map<String, Operand<TFloat32>> sums = new TreeMap<>();
    var codeShape = Codebooks.codeShape(tf, latents);
    TreeSearch.Codes tree = null;
    if (search == Search.TREE) {
      List<Operand<TFloat32>> books = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        books.add(codebook(vars, i));
      }
      // The search reads the codebooks and latents only to pick codes: nothing flows back through it.
      books.replaceAll(tf::stopGradient);
      tree = TreeSearch.search(tf, tf.stopGradient(xi0), books, m);
    }
    boolean emaStep = ema != null && mode.training();
    for (int i = 1; i <= n; i++) {
      Operand<TFloat32> books = codebook(vars, i);
      Operand<TFloat32> flat = tf.reshape(books, tf.constant(new long[] {pow(m, i), dim}));
      Operand<TInt64> local;
      Operand<TInt64> global;
      if (search == Search.FLAT) {
        global = Codebooks.nearest(tf, r, flat);
        local = tf.math.floorMod(global, tf.constant((long) m));
      } else {
        local = tree.local().get(i - 1);
        global = tree.global().get(i - 1);
      }
      Operand<TFloat32> e = tf.gather(flat, global, tf.constant(0));
      layers.add(new QuantizedLayer(local, global, e, r));
      codes.add(tf.reshape(global, codeShape));
      sums.put(histogramPath(i), Codebooks.histogram(tf, global, pow(m, i)));
      if (emaStep) {
        sums.put(emaBatchSumPath(i), EmaUpdate.batchSums(tf, r, global, pow(m, i)));
      }
      // The residual passed on is detached from the codebooks: layer i's codebook learns only
      // from its own term, and the commitment terms push only the encoder.
      r = tf.math.sub(r, tf.stopGradient(e));
    }
    // Usage, perplexity and the EMA update follow from the histograms and residual sums alone, so
    // towers that each quantize some rows add theirs first (see BatchSums).
    BatchSums statistics = new BatchSums(Params.of(sums), (ops, totals) -> {
      Map<String, Operand<TFloat32>> metrics = new LinkedHashMap<>();
      Map<String, Operand<TFloat32>> newState = new TreeMap<>();
      for (int i = 1; i <= n; i++) {
        Operand<TFloat32> histogram = totals.get(histogramPath(i));
        metrics.put("perplexity_l" + i, Codebooks.perplexity(ops, histogram));
        metrics.put("usage_l" + i, Codebooks.usage(ops, histogram));
        if (emaStep) {
          EmaUpdate u = EmaUpdate.fromBatch(ops, ema, vars.state().get(emaCountPath(i)), vars.state().get(emaSumPath(i)),
              codebook(vars, i), histogram, totals.get(emaBatchSumPath(i)), pow(m, i - 1), m, dim);
          newState.put(emaCountPath(i), u.counts());
          newState.put(emaSumPath(i), u.sums());
          newState.put(codebookPath(i), u.codebook());
        }
      }
      return new BatchSums.Finished(Params.of(newState), metrics);
    });
    List<Operand<TFloat32>> es = new ArrayList<>();
    layers.forEach(l -> es.add(l.quantized()));
    Operand<TFloat32> eC = es.size() == 1 ? es.get(0) : tf.math.addN(es);
    Operand<TFloat32> straightThrough = tf.math.add(xi0, tf.stopGradient(tf.math.sub(eC, xi0)));
    return new QuantizeOut(codes, tf.reshape(straightThrough, tf.shape(latents)), eC, xi0, layers, statistics);
  }

  @Override
  public Operand<TFloat32> decode(Ops tf, Vars vars, Operand<TInt64> codes, Set<Integer> chosen) {
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("decode needs at least one layer; layers are 1.." + n);
    }
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (int i : new java.util.TreeSet<>(chosen)) {
      if (i < 1 || i > n) {
        throw new IllegalArgumentException("layer " + i + " does not exist; layers are 1.." + n);
      }
      Operand<TFloat32> books = codebook(vars, i);
      long dim = books.shape().get(2);
      Operand<TFloat32> flat = tf.reshape(books, tf.constant(new long[] {pow(m, i), dim}));
      // The last layer's global code determines the whole path: layer i's code is code / m^(n-i).
      Operand<TInt64> code = tf.math.floorDiv(codes, tf.constant(pow(m, n - i)));
      parts.add(tf.gather(flat, code, tf.constant(0)));
    }
    return parts.size() == 1 ? parts.get(0) : tf.math.addN(parts);
  }

  static long pow(long base, int exp) {
    long r = 1;
    for (int i = 0; i < exp; i++) {
      r *= base;
    }
    return r;
  }

  /** Builder: {@code setX} required, {@code optX} optional. */
  public static final class Builder {
    private int m;
    private int n;
    private Search search = Search.TREE;
    private EmaOptions ema;
    private Initializer init;

    /** Codewords per codebook ({@code m}). */
    public Builder setCodewords(int m) {
      this.m = m;
      return this;
    }

    /** Number of layers ({@code n}). */
    public Builder setLayers(int n) {
      this.n = n;
      return this;
    }

    public Builder optSearch(Search search) {
      this.search = search;
      return this;
    }

    /** Update codebooks by EMA instead of gradients (off by default). */
    public Builder optEma(EmaOptions ema) {
      this.ema = ema;
      return this;
    }

    /**
     * Initial codebook values for every layer. Default: uniform on {@code ±2^-(i-1)/m} for layer
     * {@code i}: near zero like VQ-VAE's ±1/K, where freshly initialised encoders put their
     * outputs, and halving per layer like the residuals. (The PyTorch reference's N(0, 2^-(i-1))
     * left 12 of 64 leaves in use in our synthetic training test; this uses 64.)
     */
    public Builder optInitializer(Initializer init) {
      this.init = init;
      return this;
    }

    public HierarchicalQuantizer build() {
      return new HierarchicalQuantizer(this);
    }
  }
}
