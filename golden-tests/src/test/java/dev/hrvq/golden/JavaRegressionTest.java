package dev.hrvq.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.models.Architecture;
import dev.hrvq.models.CompiledVq;
import dev.hrvq.models.HrVqVae;
import dev.hrvq.quantize.HierarchicalQuantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/**
 * Java regression fixtures — the second kind, produced by this code itself, not by the NumPy
 * reference: a fixed-seed forward pass of a small HrVqVae (every loss term and a reconstruction
 * checksum) and the losses of its first five Adam steps. They catch unintended drift (a changed
 * initializer, op order, default); they prove nothing about correctness. Rewrite them only with
 * {@code -Dgolden.update=true}, and review the diff of {@code golden-tests/regression/}.
 */
class JavaRegressionTest {
  private static final Path FILE = Path.of("regression/hrvqvae-small.json");
  private static final String FORMAT = "hrvq-regression/java-model-v1";
  /**
   * Same machine: bit-identical. Another CPU may run other oneDNN kernels, whose last-bit
   * differences can flip a near-tie code and move a sum by a few parts in 10^4; a real drift (a
   * changed initializer, op, default) moves these numbers by percents.
   */
  private static final double REL = 1e-3;
  private static final double ABS = 1e-6;

  @Test
  void smallHrVqVaeMatchesItsRegressionFixture() throws IOException {
    ObjectNode actual = compute();
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(FILE.getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(FILE.toFile(), actual);
      System.out.println("rewrote " + FILE.toAbsolutePath() + ": review it with git diff before committing");
      return;
    }
    assertThat(FILE).as("regression fixture (create it with -Dgolden.update=true)").exists();
    JsonNode expected = new ObjectMapper().readTree(FILE.toFile());
    assertThat(expected.get("format").asText()).isEqualTo(FORMAT);
    compare("", expected, actual);
  }

  private static void compare(String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(path).isTrue();
      assertThat(iterable(actual.fieldNames())).as("keys of " + path).containsExactlyInAnyOrderElementsOf(iterable(expected.fieldNames()));
      expected.fieldNames().forEachRemaining(k -> compare(path.isEmpty() ? k : path + "." + k, expected.get(k), actual.get(k)));
    } else if (expected.isArray()) {
      assertThat(actual.size()).as("length of " + path).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        compare(path + "[" + i + "]", expected.get(i), actual.get(i));
      }
    } else if (expected.isNumber()) {
      double e = expected.asDouble();
      double a = actual.asDouble();
      assertThat(Math.abs(a - e) <= ABS || Math.abs(a - e) <= REL * Math.abs(e))
          .as("%s: expected %s, actual %s (tolerance abs %s or rel %s); if the change is intended, rerun with "
              + "-Dgolden.update=true and review the diff", path, e, a, ABS, REL)
          .isTrue();
    } else {
      assertThat(actual.asText()).as(path).isEqualTo(expected.asText());
    }
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /** The numbers the fixture pins, computed now. */
  private static ObjectNode compute() {
    Architecture arch = new Architecture(16, 1, 16, 8, 4, 2);
    HrVqVae model = new HrVqVae(arch, HierarchicalQuantizer.builder().setCodewords(4).setLayers(3).build(), 0.25f,
        new float[] {0.25f, 0.25f, 0.25f});
    float[] images = images(8);
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode();
    out.put("format", FORMAT);
    out.put("model", "HrVqVae 16x16x1, hidden 16, residual 8, D=4, downsample 2, m=4, n=3, betas 0.25; seed 42; Adam 1e-3");
    try (Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(1e-3f)).optSeed(42).build()) {
      CompiledVq vq = new CompiledVq(t, model, false);
      float[] recon = vq.reconstruct(images, 8, model.allLayers());
      double sum = 0;
      double sumSquares = 0;
      for (float v : recon) {
        sum += v;
        sumSquares += (double) v * v;
      }
      ObjectNode forward = out.putObject("forward");
      forward.put("recon_sum", sum);
      forward.put("recon_sum_squares", sumSquares);
      long[] codes = vq.encode(images, 8).get("codes");
      long codeSum = 0;
      for (long c : codes) {
        codeSum += c;
      }
      forward.put("code_sum", codeSum);
      Map<String, Float> first = null;
      var steps = out.putArray("adam_losses");
      for (int s = 0; s < 5; s++) {
        try (TFloat32 x = Tensors.of(images, 8, 16, 16, 1)) {
          Map<String, Float> terms = t.step(Map.of("x", x));
          if (first == null) {
            first = new LinkedHashMap<>(terms);
          }
          steps.add(terms.get("loss"));
        }
      }
      ObjectNode terms = forward.putObject("terms");
      first.forEach(terms::put);
    }
    return out;
  }

  /** Eight deterministic 16x16 images: smooth gradients and a bright square, no data set needed. */
  private static float[] images(int n) {
    float[] out = new float[n * 16 * 16];
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 16; x++) {
          float v = (float) (0.5 + 0.5 * Math.sin(0.3 * (i + 1) * x + 0.2 * y));
          boolean square = x >= i && x < i + 6 && y >= 4 && y < 10;
          out[(i * 16 + y) * 16 + x] = square ? 1f : v * 0.5f;
        }
      }
    }
    return out;
  }
}
