package dev.hrvq.experiments.run;

import dev.hrvq.api.runtime.SessionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run ran, saved in {@code config.json} and {@code summary.json} (key {@code environment}):
 * Java, TensorFlow, the OS, the CPU model and its flags, and the thread settings. oneDNN picks its
 * kernels by the CPU, so the last bits of a run's numbers depend on it: this says which one it was.
 */
public final class Provenance {
  public static final String KEY = "environment";

  private Provenance() {}

  public static Map<String, Object> describe() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    e.put("tensorflow", org.tensorflow.TensorFlow.version());
    e.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    e.put("cpu_model", cpuInfo("model name"));
    e.put("cpu_flags", cpuInfo("flags"));
    e.put("cores", Runtime.getRuntime().availableProcessors());
    e.put("threads_intra_op", SessionConfig.intraOpThreads());
    e.put("threads_inter_op", SessionConfig.interOpThreads());
    return e;
  }

  /** The first {@code /proc/cpuinfo} value of {@code field}; "unknown" where there is none. */
  private static String cpuInfo(String field) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
          return line.substring(colon + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
    return "unknown";
  }
}
