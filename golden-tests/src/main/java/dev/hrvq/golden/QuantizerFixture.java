package dev.hrvq.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code hrvq-golden/quantizer-v1} fixture: one quantizer run and its losses. */
public record QuantizerFixture(Path file, String name, QuantizerInputs inputs, Expected expected, Tolerance tolerance)
    implements GoldenFixture {

  public static final String FORMAT = "hrvq-golden/quantizer-v1";

  /**
   * Expected outputs; per-layer lists are indexed by 0-based layer.
   *
   * @param localCodes {@code [n][N]}
   * @param globalCodes {@code [n][N]}
   * @param quantized {@code e_i}, {@code [n][N*D]}
   * @param combined {@code e_C}, {@code [N*D]}
   * @param layerLosses {@code (1 + beta_i) * mse(r_{i-1}, e_i)}, {@code [n]}
   * @param combinedLoss {@code (1 + beta0) * mse(xi0, e_C)}
   * @param perplexity per layer, {@code [n]}
   */
  public record Expected(List<long[]> localCodes, List<long[]> globalCodes, List<double[]> quantized, double[] combined,
      double[] layerLosses, double combinedLoss, double[] perplexity) {}

  @Override
  public String format() {
    return FORMAT;
  }

  public static QuantizerFixture read(Path file) {
    return read(FixtureReader.open(file));
  }

  static QuantizerFixture read(FixtureReader r) {
    GoldenFixture.expectFormat(r, FORMAT);
    String name = r.string("name");
    QuantizerInputs in = QuantizerInputs.read(r);
    int n = in.layers();
    long[] nd = {in.count(), in.dim()};
    String[] ndNames = {"vectors", "components"};
    List<long[]> local = new ArrayList<>();
    List<long[]> global = new ArrayList<>();
    List<double[]> quantized = new ArrayList<>();
    JsonNode l = r.array(r.node("expected.local_codes"), "expected.local_codes", n, "layers");
    JsonNode g = r.array(r.node("expected.global_codes"), "expected.global_codes", n, "layers");
    JsonNode q = r.array(r.node("expected.quantized"), "expected.quantized", n, "layers");
    for (int i = 0; i < n; i++) {
      long[] one = {in.count()};
      String[] vectors = {"vectors"};
      local.add(r.integers(l.get(i), "expected.local_codes[" + i + "]", one, vectors));
      global.add(r.integers(g.get(i), "expected.global_codes[" + i + "]", one, vectors));
      quantized.add(r.numbers(q.get(i), "expected.quantized[" + i + "]", nd, ndNames));
    }
    long[] layers = {n};
    String[] layerNames = {"layers"};
    Expected e = new Expected(local, global, quantized,
        r.numbers("expected.combined", nd, ndNames),
        r.numbers("expected.layer_losses", layers, layerNames),
        r.number("expected.combined_loss"),
        r.numbers("expected.perplexity", layers, layerNames));
    return new QuantizerFixture(r.path, name, in, e, r.tolerance());
  }
}
