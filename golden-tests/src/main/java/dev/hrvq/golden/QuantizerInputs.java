package dev.hrvq.golden;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.Quantizer;
import dev.hrvq.quantize.VectorQuantizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs shared by quantizer-v1 and quantizer-grad-v1 fixtures.
 *
 * @param kind {@code "hierarchical"} or {@code "flat"}
 * @param m codewords per codebook ({@code K} for flat)
 * @param layers {@code n} (1 for flat)
 * @param dim {@code D}
 * @param count {@code N}, the number of latent vectors
 * @param latents {@code xi0}, {@code [N, D]} row-major
 * @param codebooks per layer {@code i} (0-based here), {@code [m^i, m, D]} row-major
 */
public record QuantizerInputs(String kind, int m, int layers, int dim, float beta0, float[] betas, int count,
    float[] latents, List<float[]> codebooks) {

  public boolean flat() {
    return kind.equals("flat");
  }

  /** Number of codebooks of layer {@code i} (1-based): {@code m^(i-1)}. */
  public long books(int layer) {
    return pow(m, layer - 1);
  }

  /** The quantizer these inputs describe: a {@link VectorQuantizer} with {@code K = m} when flat. */
  public Quantizer quantizer() {
    return flat() ? VectorQuantizer.of(m) : HierarchicalQuantizer.builder().setCodewords(m).setLayers(layers).build();
  }

  static QuantizerInputs read(FixtureReader r) {
    String kind = r.oneOf("kind", "hierarchical", "flat");
    int m = r.positiveInt("m");
    int n = r.positiveInt("layers");
    int dim = r.positiveInt("dim");
    if (kind.equals("flat")) {
      if (n != 1) {
        throw r.fail("layers", "a flat fixture has 1 layer, got " + n);
      }
      int codes = r.positiveInt("codes");
      if (codes != m) {
        throw r.fail("codes", "a flat fixture needs codes = m = " + m + ", got " + codes);
      }
    }
    float beta0 = (float) r.number("beta0");
    float[] betas = FixtureReader.toFloats(r.numbers("betas", new long[] {n}, new String[] {"layers"}));
    int count = r.array(r.node("latents"), "latents", -1, "vectors").size();
    if (count == 0) {
      throw r.fail("latents", "expected at least one vector, got 0");
    }
    float[] latents = FixtureReader.toFloats(
        r.numbers("latents", new long[] {count, dim}, new String[] {"vectors", "components"}));
    JsonNode books = r.array(r.node("codebooks"), "codebooks", n, "layers");
    List<float[]> codebooks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      codebooks.add(FixtureReader.toFloats(r.numbers(books.get(i), "codebooks[" + i + "]",
          new long[] {pow(m, i), m, dim}, new String[] {"codebooks", "codewords", "components"})));
    }
    return new QuantizerInputs(kind, m, n, dim, beta0, betas, count, latents, codebooks);
  }

  static long pow(long base, int exp) {
    long r = 1;
    for (int i = 0; i < exp; i++) {
      r = Math.multiplyExact(r, base);
    }
    return r;
  }
}
