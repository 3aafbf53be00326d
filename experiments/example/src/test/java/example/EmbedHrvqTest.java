package example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Runs the example against the installed hrvq artifacts; the export is checked with plain TensorFlow Java. */
class EmbedHrvqTest {
  @TempDir Path tmp;

  @Test
  void theExampleTrainsEncodesDecodesAndExports() throws Exception {
    EmbedHrvq.Result r = EmbedHrvq.run(tmp);
    assertEquals(4 * 8 * 8, r.codes().length);
    assertTrue(Arrays.stream(r.codes()).allMatch(c -> c >= 0 && c < 16), "leaf codes in [0, m^n)");
    assertTrue(!Arrays.equals(r.coarse(), r.full()), "layer 1 alone differs from both layers");
    try (SavedModelBundle bundle = SavedModelBundle.load(r.savedModel().toString());
        TFloat32 x = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(4, 16, 16, 1), DataBuffers.of(r.images(), true, false));
        var out = bundle.function("serving_default").call(Map.of("x", x))) {
      TFloat32 y = (TFloat32) out.get("x_hat").orElseThrow();
      float[] exported = new float[(int) y.size()];
      y.copyTo(DataBuffers.of(exported, false, false));
      assertArrayEquals(r.full(), exported, "the SavedModel reconstructs as Inference does");
    }
  }

  @Test
  void theReadmeShowsThisExampleVerbatim() throws Exception {
    String source = Files.readString(Path.of("src/main/java/example/EmbedHrvq.java"));
    String example = source.substring(source.indexOf("// README example begins\n") + 25, source.indexOf("    // README example ends"))
        .replaceAll("(?m)^    ", "");
    assertTrue(Files.readString(Path.of("../../README.md")).contains(example), "README.md must contain the example:\n" + example);
  }
}
