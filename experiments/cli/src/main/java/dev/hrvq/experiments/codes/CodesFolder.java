package dev.hrvq.experiments.codes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code hrvq encode} writes, a folder: one {@code .npy} per code map ({@code codes.npy} for
 * HR-VQVAE and VQ-VAE, {@code codes0.npy}, {@code codes1.npy}, ... for VQ-VAE-2 levels, each
 * {@code [n, layers, h, w]} int64, see {@link CodeArrays}), {@code images.txt} (the source of each
 * row, in order) and {@code codes.json} (the run, checkpoint, model kind and shapes).
 */
final class CodesFolder {
  static final String IMAGES = "images.txt";
  static final String INFO = "codes.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CodesFolder() {}

  static void write(Path dir, Map<String, Npy.LongArray> arrays, List<String> names, Map<String, Object> info) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> files = new LinkedHashMap<>();
    for (var e : arrays.entrySet()) {
      Npy.write(dir.resolve(e.getKey() + ".npy"), e.getValue());
      files.put(e.getKey(), Map.of("file", e.getKey() + ".npy", "shape", e.getValue().shape()));
    }
    Files.write(dir.resolve(IMAGES), names);
    Map<String, Object> all = new LinkedHashMap<>(info);
    all.put("maps", files);
    all.put("images", names.size());
    JSON.writeValue(dir.resolve(INFO).toFile(), all);
  }

  /** The arrays of a codes folder (or of the folder holding the {@code .npy} file named). */
  static Map<String, Npy.LongArray> read(Path path) throws IOException {
    Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    Path info = dir.resolve(INFO);
    Map<String, Npy.LongArray> out = new LinkedHashMap<>();
    if (Files.exists(info)) {
      JsonNode maps = JSON.readTree(info.toFile()).path("maps");
      List<String> names = new ArrayList<>();
      maps.fieldNames().forEachRemaining(names::add);
      for (String map : names) {
        out.put(map, Npy.read(dir.resolve(maps.get(map).path("file").asText())));
      }
      return out;
    }
    if (Files.isRegularFile(path)) {
      String name = path.getFileName().toString().replaceFirst("\\.npy$", "");
      out.put(name, Npy.read(path));
      return out;
    }
    throw new IllegalArgumentException(path + ": neither a codes folder written by hrvq encode (with " + INFO + ") nor a .npy file");
  }
}
