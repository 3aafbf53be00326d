package dev.hrvq.experiments.prior;

import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.models.CompiledVq;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The code maps of a split, extracted once with a trained VQ model and cached in its run
 * directory ({@code codes/<split>-<map>.bin}: int32 count, then the codes as int32, big-endian).
 * The cache is tied to a checkpoint: it is rebuilt when the run has a newer one.
 */
public final class CodeCache {
  private CodeCache() {}

  /** Every code map of {@code data}, from the cache when it matches {@code checkpoint}. */
  public static Map<String, long[]> codes(CompiledVq vq, Dataset data, String split, Path runDir, Path checkpoint) {
    Path dir = runDir.resolve("codes");
    Path stamp = dir.resolve(split + ".checkpoint");
    Map<String, long[]> out = new LinkedHashMap<>();
    try {
      if (Files.exists(stamp) && Files.readString(stamp).equals(checkpoint.getFileName().toString())) {
        for (String map : vq.model().codeSpecs().keySet()) {
          out.put(map, read(dir.resolve(split + "-" + map + ".bin")));
        }
        return out;
      }
      out = extract(vq, data);
      Files.createDirectories(dir);
      for (var e : out.entrySet()) {
        write(dir.resolve(split + "-" + e.getKey() + ".bin"), e.getValue());
      }
      Files.writeString(stamp, checkpoint.getFileName().toString());
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache codes in " + dir, e);
    }
  }

  static Map<String, long[]> extract(CompiledVq vq, Dataset data) {
    Map<String, long[]> all = new LinkedHashMap<>();
    Map<String, Integer> perImage = new LinkedHashMap<>();
    vq.model().codeSpecs().forEach((name, spec) -> {
      int size = (int) (spec.shape().get(1) * spec.shape().get(2));
      perImage.put(name, size);
      all.put(name, new long[data.n() * size]);
    });
    int batch = 500;
    for (int start = 0; start < data.n(); start += batch) {
      int n = Math.min(batch, data.n() - start);
      int s = start;
      vq.encode(data.batch(Dataset.range(start, n)), n).forEach((name, codes) -> System.arraycopy(codes, 0, all.get(name), s * perImage.get(name), codes.length));
    }
    return all;
  }

  private static void write(Path file, long[] codes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(codes.length);
      for (long c : codes) {
        out.writeInt(Math.toIntExact(c));
      }
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static long[] read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      long[] codes = new long[in.readInt()];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = in.readInt();
      }
      return codes;
    }
  }
}
