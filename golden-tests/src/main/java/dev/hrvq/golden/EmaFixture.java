package dev.hrvq.golden;

import java.nio.file.Path;

/**
 * A {@code hrvq-golden/ema-v1} fixture: one EMA update of one layer, for given global codes.
 *
 * @param layer 1-based; the layer has {@code m^(layer-1)} codebooks
 * @param codebook {@code [m^(layer-1) * m * D]} before the update
 * @param counts {@code [m^layer]}
 * @param sums {@code [m^layer * D]}
 * @param residuals {@code r_{layer-1}}, {@code [N * D]}
 * @param globalCodes {@code [N]}, in {@code [0, m^layer)}
 */
public record EmaFixture(Path file, String name, String kind, int m, int layer, int dim, float decay, float epsilon,
    int count, float[] codebook, float[] counts, float[] sums, float[] residuals, long[] globalCodes,
    Expected expected, Tolerance tolerance) implements GoldenFixture {

  public static final String FORMAT = "hrvq-golden/ema-v1";

  /** The updated counts {@code [m^layer]}, sums {@code [m^layer * D]} and codebook. */
  public record Expected(double[] counts, double[] sums, double[] codebook) {}

  @Override
  public String format() {
    return FORMAT;
  }

  /** Number of codebooks of the layer: {@code m^(layer-1)}. */
  public long books() {
    return QuantizerInputs.pow(m, layer - 1);
  }

  public static EmaFixture read(Path file) {
    return read(FixtureReader.open(file));
  }

  static EmaFixture read(FixtureReader r) {
    GoldenFixture.expectFormat(r, FORMAT);
    String name = r.string("name");
    String kind = r.oneOf("kind", "hierarchical", "flat");
    int m = r.positiveInt("m");
    int layer = r.positiveInt("layer");
    int dim = r.positiveInt("dim");
    if (kind.equals("flat") && layer != 1) {
      throw r.fail("layer", "a flat fixture has layer 1, got " + layer);
    }
    long books = QuantizerInputs.pow(m, layer - 1);
    long codes = books * m;
    int count = r.array(r.node("residuals"), "residuals", -1, "vectors").size();
    long[] bookDims = {books, m, dim};
    String[] bookNames = {"codebooks", "codewords", "components"};
    long[] sumDims = {codes, dim};
    String[] sumNames = {"codes", "components"};
    long[] countDims = {codes};
    String[] countNames = {"codes"};
    long[] global = r.integers(r.node("global_codes"), "global_codes", new long[] {count}, new String[] {"vectors"});
    for (int i = 0; i < global.length; i++) {
      if (global[i] < 0 || global[i] >= codes) {
        throw r.fail("global_codes[" + i + "]", "expected a code in [0, " + codes + "), got " + global[i]);
      }
    }
    Expected e = new Expected(r.numbers("expected.counts", countDims, countNames),
        r.numbers("expected.sums", sumDims, sumNames), r.numbers("expected.codebook", bookDims, bookNames));
    return new EmaFixture(r.path, name, kind, m, layer, dim, (float) r.number("decay"), (float) r.number("epsilon"),
        count, FixtureReader.toFloats(r.numbers("codebook", bookDims, bookNames)),
        FixtureReader.toFloats(r.numbers("counts", countDims, countNames)),
        FixtureReader.toFloats(r.numbers("sums", sumDims, sumNames)),
        FixtureReader.toFloats(r.numbers("residuals", new long[] {count, dim}, new String[] {"vectors", "components"})),
        global, e, r.tolerance());
  }
}
