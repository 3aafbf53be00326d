package dev.hrvq.golden;

import dev.hrvq.api.Init;
import dev.hrvq.api.Mode;
import dev.hrvq.api.ParamSpec;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.check.GraphRun;
import dev.hrvq.losses.Terms;
import dev.hrvq.losses.VqObjectives;
import dev.hrvq.quantize.EmaOptions;
import dev.hrvq.quantize.EmaUpdate;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.QuantizeOut;
import dev.hrvq.quantize.QuantizedLayer;
import dev.hrvq.quantize.Quantizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Golden assertions for use in any JUnit (or other) test: each runs the Java implementation on a
 * fixture's inputs and throws {@link AssertionError} naming the case, the field, the first
 * mismatching flat index, the expected and actual values and the tolerance. Codes must be equal;
 * a float passes when within {@code abs} OR within {@code rel * |expected|}.
 */
public final class Golden {
  private Golden() {}

  /** Reads a fixture of any format and checks the implementation it describes. */
  public static void assertFixture(Path file) {
    GoldenFixture f = GoldenFixture.read(file);
    if (f instanceof QuantizerFixture q) {
      assertQuantizer(q, q.inputs().quantizer());
    } else if (f instanceof GradientFixture g) {
      assertGradients(g, g.inputs().quantizer());
    } else {
      assertEma((EmaFixture) f);
    }
  }

  /** Builds the quantizer a quantizer-v1 fixture describes, runs it and compares everything. */
  public static void assertQuantizer(Path fixture) {
    QuantizerFixture f = QuantizerFixture.read(fixture);
    assertQuantizer(f, f.inputs().quantizer());
  }

  /**
   * Runs {@code q} (in {@link Mode#EVAL}) on the fixture's latents with its codebooks as
   * {@code layer<i>/codebook} (params, or state for EMA quantizers; other state starts at zero) and
   * compares codes, {@code e_i}, {@code e_C}, the {@link VqObjectives#hrvqvae} losses and perplexity.
   */
  public static void assertQuantizer(QuantizerFixture f, Quantizer q) {
    QuantizerInputs in = f.inputs();
    checkLayers(f.name(), in, q);
    int n = in.layers();
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      Operand<TFloat32> x = constant(tf, in.latents(), in.count(), in.dim());
      QuantizeOut out = q.apply(tf, vars(tf, f.name(), in, q, codebooks(tf, in)), x, Mode.EVAL);
      Map<String, Operand<TFloat32>> terms = objective(tf, in, out).named();
      Map<String, Operand<TFloat32>> metrics = out.statistics().finishOwn(tf).terms();
      List<Operand<?>> fetches = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        QuantizedLayer l = out.layers().get(i - 1);
        fetches.addAll(List.of(l.localCodes(), l.globalCodes(), l.quantized(),
            tf.math.add(terms.get("layer" + i + "_codebook"), terms.get("layer" + i + "_commitment")),
            metric(f.name(), metrics, "perplexity_l" + i)));
      }
      fetches.add(out.combined());
      fetches.add(tf.math.add(terms.get("combined_codebook"), terms.get("combined_commitment")));
      Object[] r = g.run(fetches).values();

      QuantizerFixture.Expected e = f.expected();
      Tolerance tol = f.tolerance();
      float[] layerLosses = new float[n];
      float[] perplexity = new float[n];
      for (int i = 0; i < n; i++) {
        assertCodes(f.name(), "expected.local_codes[" + i + "]", e.localCodes().get(i), (long[]) r[5 * i]);
        assertCodes(f.name(), "expected.global_codes[" + i + "]", e.globalCodes().get(i), (long[]) r[5 * i + 1]);
      }
      for (int i = 0; i < n; i++) {
        assertClose(f.name(), "expected.quantized[" + i + "]", e.quantized().get(i), tol, (float[]) r[5 * i + 2]);
        layerLosses[i] = ((float[]) r[5 * i + 3])[0];
        perplexity[i] = ((float[]) r[5 * i + 4])[0];
      }
      assertClose(f.name(), "expected.combined", e.combined(), tol, (float[]) r[5 * n]);
      assertClose(f.name(), "expected.layer_losses", e.layerLosses(), tol, layerLosses);
      assertClose(f.name(), "expected.combined_loss", new double[] {e.combinedLoss()}, tol, (float[]) r[5 * n + 1]);
      assertClose(f.name(), "expected.perplexity", e.perplexity(), tol, perplexity);
    }
  }

  /** Builds the quantizer a quantizer-grad-v1 fixture describes and checks loss and gradients. */
  public static void assertGradients(Path fixture) {
    GradientFixture f = GradientFixture.read(fixture);
    assertGradients(f, f.inputs().quantizer());
  }

  /**
   * The sum of the {@link VqObjectives#hrvqvae} terms over {@code q}'s output (in
   * {@link Mode#TRAIN}) and its gradients w.r.t. the latents and every codebook (no gradient = 0).
   */
  public static void assertGradients(GradientFixture f, Quantizer q) {
    QuantizerInputs in = f.inputs();
    checkLayers(f.name(), in, q);
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      Operand<TFloat32> x = constant(tf, in.latents(), in.count(), in.dim());
      List<Operand<TFloat32>> books = codebooks(tf, in);
      QuantizeOut out = q.apply(tf, vars(tf, f.name(), in, q, books), x, Mode.TRAIN);
      Operand<TFloat32> loss = objective(tf, in, out).total(tf);
      List<Operand<TFloat32>> wrt = new ArrayList<>();
      wrt.add(x);
      wrt.addAll(books);
      List<Operand<?>> fetches = new ArrayList<>();
      fetches.add(loss);
      fetches.addAll(g.gradients(loss, wrt)); // no gradient reads as zeros
      Object[] r = g.run(fetches).values();
      GradientFixture.Expected e = f.expected();
      Tolerance tol = f.tolerance();
      assertClose(f.name(), "expected.loss", new double[] {e.loss()}, tol, (float[]) r[0]);
      assertClose(f.name(), "expected.grad_latents", e.gradLatents(), tol, (float[]) r[1]);
      for (int i = 0; i < in.layers(); i++) {
        assertClose(f.name(), "expected.grad_codebooks[" + i + "]", e.gradCodebooks().get(i), tol, (float[]) r[2 + i]);
      }
    }
  }

  /** Checks an ema-v1 fixture (see {@link #assertEma(EmaFixture)}). */
  public static void assertEma(Path fixture) {
    assertEma(EmaFixture.read(fixture));
  }

  /**
   * One EMA update for the fixture's given global codes, through {@link EmaUpdate#of}. For a
   * layer-1 fixture also one {@link Mode#TRAIN} apply of a one-layer EMA quantizer on the given
   * state with the residuals as latents: its searched codes must equal the given ones and its
   * {@link QuantizeOut#newState()} the expected update.
   */
  public static void assertEma(EmaFixture f) {
    EmaOptions opts = new EmaOptions(f.decay(), f.epsilon());
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      EmaUpdate u = EmaUpdate.of(tf, opts, constant(tf, f.counts(), f.counts().length),
          constant(tf, f.sums(), f.counts().length, f.dim()), constant(tf, f.codebook(), f.books(), f.m(), f.dim()),
          constant(tf, f.residuals(), f.count(), f.dim()),
          tf.constant(f.globalCodes()), f.books(), f.m(), f.dim());
      Object[] r = g.run(List.of(u.counts(), u.sums(), u.codebook())).values();
      compareEma(f, "", r);
    }
    if (f.layer() == 1) {
      HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(f.m()).setLayers(1).optEma(opts).build();
      try (GraphRun g = new GraphRun()) {
        Ops tf = g.tf;
        Map<String, Operand<TFloat32>> state = new TreeMap<>();
        state.put(dev.hrvq.quantize.HierarchicalQuantizer.codebookPath(1), constant(tf, f.codebook(), 1, f.m(), f.dim()));
        state.put("layer1/ema_count", constant(tf, f.counts(), f.m()));
        state.put("layer1/ema_sum", constant(tf, f.sums(), f.m(), f.dim()));
        Operand<TFloat32> x = constant(tf, f.residuals(), f.count(), f.dim());
        QuantizeOut out = q.apply(tf, new Vars(Params.empty(), Params.of(state)), x, Mode.TRAIN);
        Params s = out.statistics().finishOwn(tf).state();
        Object[] r = g.run(List.of(s.get("layer1/ema_count"), s.get("layer1/ema_sum"),
            s.get("layer1/codebook"), out.layers().get(0).globalCodes())).values();
        assertCodes(f.name(), "global_codes (searched by a TRAIN apply)", f.globalCodes(), (long[]) r[3]);
        compareEma(f, " (TRAIN apply newState)", r);
      }
    }
  }

  private static void compareEma(EmaFixture f, String how, Object[] r) {
    assertClose(f.name(), "expected.counts" + how, f.expected().counts(), f.tolerance(), (float[]) r[0]);
    assertClose(f.name(), "expected.sums" + how, f.expected().sums(), f.tolerance(), (float[]) r[1]);
    assertClose(f.name(), "expected.codebook" + how, f.expected().codebook(), f.tolerance(), (float[]) r[2]);
  }

  /** Codes must be equal element by element. */
  public static void assertCodes(String caseName, String field, long[] expected, long[] actual) {
    checkLength(caseName, field, expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      if (expected[i] != actual[i]) {
        int bad = 0;
        for (int j = i; j < expected.length; j++) {
          bad += expected[j] != actual[j] ? 1 : 0;
        }
        throw new AssertionError(caseName + ": " + field + ": first mismatch at flat index " + i + ": expected "
            + expected[i] + ", actual " + actual[i] + " (codes compare exactly; " + bad + " of " + expected.length
            + " differ)");
      }
    }
  }

  /** Each actual float must be within {@code tol} of the expected one. */
  public static void assertClose(String caseName, String field, double[] expected, Tolerance tol, float[] actual) {
    checkLength(caseName, field, expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      if (!tol.passes(expected[i], actual[i])) {
        int bad = 0;
        for (int j = i; j < expected.length; j++) {
          bad += tol.passes(expected[j], actual[j]) ? 0 : 1;
        }
        throw new AssertionError(caseName + ": " + field + ": first mismatch at flat index " + i + ": expected "
            + expected[i] + ", actual " + actual[i] + ", |diff| " + Math.abs(actual[i] - expected[i])
            + " exceeds tolerance (" + tol + "); " + bad + " of " + expected.length + " values out of tolerance");
      }
    }
  }

  private static void checkLength(String caseName, String field, int expected, int actual) {
    if (expected != actual) {
      throw new AssertionError(caseName + ": " + field + ": expected " + expected + " values, actual " + actual);
    }
  }

  private static void checkLayers(String caseName, QuantizerInputs in, Quantizer q) {
    if (q.layers() != in.layers()) {
      throw new AssertionError(caseName + ": the fixture has " + in.layers() + " layers, the quantizer " + q.layers());
    }
  }

  private static Operand<TFloat32> constant(Ops tf, float[] values, long... dims) {
    return tf.constant(Shape.of(dims), DataBuffers.of(values, true, false));
  }

  private static List<Operand<TFloat32>> codebooks(Ops tf, QuantizerInputs in) {
    List<Operand<TFloat32>> books = new ArrayList<>();
    for (int i = 1; i <= in.layers(); i++) {
      books.add(constant(tf, in.codebooks().get(i - 1), in.books(i), in.m(), in.dim()));
    }
    return books;
  }

  /** The fixture's codebooks where {@code q} declares them (params or state); other state is zero. */
  private static Vars vars(Ops tf, String caseName, QuantizerInputs in, Quantizer q, List<Operand<TFloat32>> books) {
    Init init = q.init(Shape.of(in.count(), in.dim()));
    Map<String, Operand<TFloat32>> params = new TreeMap<>();
    Map<String, Operand<TFloat32>> state = new TreeMap<>();
    for (int i = 1; i <= in.layers(); i++) {
      String path = "layer" + i + "/codebook";
      Shape want = Shape.of(in.books(i), in.m(), in.dim());
      ParamSpec spec = init.params().containsKey(path) ? init.params().get(path) : init.state().get(path);
      if (spec == null || !spec.shape().equals(want)) {
        throw new AssertionError(caseName + ": the quantizer declares " + path + " as "
            + (spec == null ? "nothing" : spec.shape()) + ", the fixture has " + want);
      }
      (init.params().containsKey(path) ? params : state).put(path, books.get(i - 1));
    }
    for (String path : init.params().keySet()) {
      if (!params.containsKey(path)) {
        throw new AssertionError(caseName + ": the fixture has no values for the quantizer's parameter " + path);
      }
    }
    init.state().forEach((path, spec) -> state.putIfAbsent(path, tf.zeros(tf.constant(spec.shape().asArray()), TFloat32.class)));
    return new Vars(Params.of(params), Params.of(state));
  }

  private static Terms objective(Ops tf, QuantizerInputs in, QuantizeOut out) {
    List<Operand<TFloat32>> residuals = new ArrayList<>();
    List<Operand<TFloat32>> quantized = new ArrayList<>();
    out.layers().forEach(l -> {
      residuals.add(l.residual());
      quantized.add(l.quantized());
    });
    return VqObjectives.hrvqvae(tf, out.latents(), out.combined(), residuals, quantized, in.beta0(), in.betas());
  }

  private static Operand<TFloat32> metric(String caseName, Map<String, Operand<TFloat32>> metrics, String name) {
    Operand<TFloat32> m = metrics.get(name);
    if (m == null) {
      throw new AssertionError(caseName + ": the quantizer reports no metric " + name + "; it has " + metrics.keySet());
    }
    return m;
  }
}
