package dev.hrvq.experiments.codes;

import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.models.Inference;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/** Encoding images to a codes folder and decoding one back to pictures ({@code hrvq encode}, {@code hrvq decode}). */
public final class Codes {
  private Codes() {}

  /** Encodes the images of {@code source} into the codes folder {@code dir}; returns how many. */
  public static int encode(Inference model, String source, DataSets data, Path dir) throws IOException {
    ImageSource.Encoded encoded = ImageSource.encode(source, model, data);
    int n = encoded.names().size();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("checkpoint", model.checkpoint().toString());
    info.put("model", model.spec().kind().label());
    info.put("layers", CodeArrays.layers(model.spec()));
    info.put("layer_codes", "layer i holds that layer's global code in [0, m^i); decoding reads the last layer");
    CodesFolder.write(dir, CodeArrays.toArrays(model.spec(), model.model(), encoded.codes(), n), encoded.names(), info);
    return n;
  }

  /**
   * Decodes the codes at {@code codes} (a codes folder, or one {@code .npy}) through {@code layers}
   * and writes one PNG per row into {@code dir} ({@code 000000.png}, ...); returns how many.
   */
  public static int decode(Inference model, Path codes, Set<Integer> layers, Path dir) throws IOException {
    Map<String, Npy.LongArray> arrays = CodesFolder.read(codes);
    Map<String, long[]> maps = CodeArrays.fromArrays(model.spec(), model.model(), arrays, codes.toString());
    int n = (int) arrays.values().iterator().next().shape()[0];
    Files.createDirectories(dir);
    int batch = 256;
    for (int start = 0; start < n; start += batch) {
      int count = Math.min(batch, n - start);
      Map<String, long[]> slice = new LinkedHashMap<>();
      for (var e : maps.entrySet()) {
        int per = e.getValue().length / n;
        slice.put(e.getKey(), java.util.Arrays.copyOfRange(e.getValue(), start * per, (start + count) * per));
      }
      List<BufferedImage> pictures = model.decodeToImages(slice, count, layers);
      for (int i = 0; i < count; i++) {
        ImageIO.write(pictures.get(i), "png", dir.resolve(String.format("%06d.png", start + i)).toFile());
      }
    }
    return n;
  }
}
