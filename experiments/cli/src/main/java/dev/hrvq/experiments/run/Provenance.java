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
    e.put("tensorflow_build", PrecisionChoice.gpuBuild() ? "gpu" : "cpu");
    e.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    List<String> cpuinfo = cpuInfoLines();
    e.put("cpu_model", cpuInfo(cpuinfo, "model name"));
    e.put("cpu_flags", cpuInfo(cpuinfo, "flags"));
    e.put("cores", Runtime.getRuntime().availableProcessors());
    e.put("threads_intra_op", SessionConfig.intraOpThreads());
    e.put("threads_inter_op", SessionConfig.interOpThreads());
    return e;
  }

  /**
   * This machine's name: Linux's own record first (a lookup through DNS can stall on a badly
   * configured host), else Java's; "unknown" when neither answers.
   */
  public static String hostName() {
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      String name = Files.isReadable(kernel) ? Files.readString(kernel).trim() : java.net.InetAddress.getLocalHost().getHostName();
      return name.isEmpty() ? "unknown" : name;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The CPU's feature flags ({@code /proc/cpuinfo}); empty where they cannot be read. */
  public static java.util.Set<String> cpuFlags() {
    String flags = cpuInfo(cpuInfoLines(), "flags");
    return flags.equals("unknown") ? java.util.Set.of() : java.util.Set.of(flags.split("\\s+"));
  }

  /** The lines of {@code /proc/cpuinfo}, read once per description; none where it cannot be read. */
  private static List<String> cpuInfoLines() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo"));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** The first value of {@code field} in {@code cpuinfo}; "unknown" where there is none. */
  private static String cpuInfo(List<String> cpuinfo, String field) {
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "unknown";
  }
}
