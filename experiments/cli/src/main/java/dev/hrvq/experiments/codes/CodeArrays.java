package dev.hrvq.experiments.codes;

import dev.hrvq.models.ModelKind;
import dev.hrvq.models.ModelSpec;
import dev.hrvq.models.VqAutoencoder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's code maps as arrays for other tools: one int64 array {@code [n, layers, h, w]} per code
 * map, where layer {@code i} holds that layer's global code (its path in the tree: for HR-VQVAE the
 * leaf code divided by {@code m^(n-i)}); VQ-VAE and each VQ-VAE-2 level have one layer. Decoding
 * reads the last layer, which fixes all the others.
 */
final class CodeArrays {
  private CodeArrays() {}

  /** How many layers each map's array holds. */
  static int layers(ModelSpec spec) {
    return spec.kind() == ModelKind.HRVQVAE ? spec.layers() : 1;
  }

  static Map<String, Npy.LongArray> toArrays(ModelSpec spec, VqAutoencoder model, Map<String, long[]> codes, int n) {
    int layers = layers(spec);
    Map<String, Npy.LongArray> out = new LinkedHashMap<>();
    model.codeSpecs().forEach((name, codeSpec) -> {
      long h = codeSpec.shape().get(1);
      long w = codeSpec.shape().get(2);
      int positions = (int) (h * w);
      long[] leaf = codes.get(name);
      long[] values = new long[n * layers * positions];
      for (int i = 0; i < n; i++) {
        for (int layer = 1; layer <= layers; layer++) {
          long divisor = (long) Math.pow(spec.codewords(), layers - layer);
          for (int p = 0; p < positions; p++) {
            values[(i * layers + layer - 1) * positions + p] = leaf[i * positions + p] / divisor;
          }
        }
      }
      out.put(name, new Npy.LongArray(values, new long[] {n, layers, h, w}));
    });
    return out;
  }

  /** The code maps the arrays hold (their last layer), checked against the model's shapes. */
  static Map<String, long[]> fromArrays(ModelSpec spec, VqAutoencoder model, Map<String, Npy.LongArray> arrays, String source) {
    int layers = layers(spec);
    Map<String, long[]> codes = new LinkedHashMap<>();
    int n = -1;
    for (var e : model.codeSpecs().entrySet()) {
      Npy.LongArray a = arrays.get(e.getKey());
      if (a == null) {
        throw new IllegalArgumentException(source + ": no array for code map '" + e.getKey() + "'");
      }
      long h = e.getValue().shape().get(1);
      long w = e.getValue().shape().get(2);
      long[] s = a.shape();
      if (s.length != 4 || s[1] != layers || s[2] != h || s[3] != w || (n >= 0 && s[0] != n)) {
        throw new IllegalArgumentException(source + ": code map '" + e.getKey() + "' has shape " + java.util.Arrays.toString(s)
            + "; this model needs [n, " + layers + ", " + h + ", " + w + "]");
      }
      n = (int) s[0];
      int positions = (int) (h * w);
      long[] leaf = new long[n * positions];
      for (int i = 0; i < n; i++) {
        System.arraycopy(a.values(), (i * layers + layers - 1) * positions, leaf, i * positions, positions);
      }
      codes.put(e.getKey(), leaf);
    }
    return codes;
  }
}
