package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.experiments.cluster.ClusterFile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Where a run's training steps run: in one piece (the default), split across several devices of
 * this process ({@code --devices}), or across the tasks of a cluster ({@code --cluster}, this
 * process being task 0). Experiment configs do not say: the same config trains anywhere, and its
 * checkpoints resume anywhere.
 *
 * @param devices the tower devices of {@code --devices}; empty otherwise
 * @param cluster the cluster of {@code --cluster}, or null
 */
public record Towers(List<String> devices, ClusterFile cluster) {
  /** Where config.json records the devices of {@code --devices}. */
  public static final String DEVICES_KEY = "devices";
  /** Where config.json records the addresses of {@code --cluster}'s tasks (task 0 first). */
  public static final String CLUSTER_KEY = "cluster";
  private static final Pattern LOCAL = Pattern.compile("^/device:(CPU|GPU):(\\d+)$", Pattern.CASE_INSENSITIVE);

  public Towers {
    devices = List.copyOf(devices);
  }

  public static Towers none() {
    return new Towers(List.of(), null);
  }

  public static Towers onCluster(ClusterFile cluster) {
    return new Towers(List.of(), cluster);
  }

  /**
   * Towers on devices of this process, each {@code /device:GPU:k} or {@code /device:CPU:k}. A GPU
   * must be one TensorFlow sees ({@code available}, read only when a GPU is named): with soft
   * placement on, a missing one would silently become the CPU. {@code /device:CPU:k} makes k+1 CPU
   * devices that share the same cores: it checks the mechanism, it is not faster.
   */
  public static Towers onDevices(List<String> devices, Supplier<List<String>> available) {
    if (devices.size() < 2) {
      throw new IllegalArgumentException("--devices needs at least two devices (one tower each), e.g. /device:GPU:0,/device:GPU:1; got " + devices);
    }
    Set<String> seen = new HashSet<>();
    List<String> known = null;
    for (String d : devices) {
      var m = LOCAL.matcher(d);
      if (!m.matches()) {
        throw new IllegalArgumentException("--devices: '" + d + "' is not a device of this process such as /device:GPU:0 or /device:CPU:0");
      }
      if (!seen.add(d.toUpperCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException("--devices names " + d + " twice; each tower needs its own device");
      }
      if (m.group(1).equalsIgnoreCase("GPU")) {
        known = known == null ? available.get() : known;
        String suffix = "device:GPU:" + m.group(2);
        if (known.stream().noneMatch(k -> k.endsWith(suffix))) {
          throw new IllegalArgumentException("--devices: " + d + " is not a device TensorFlow sees here " + known
              + (known.stream().anyMatch(k -> k.contains("GPU")) ? "" : "; a GPU needs the GPU build: HRVQ_GPU=1 ./hrvq ..."));
        }
      }
    }
    return new Towers(devices, null);
  }

  /** Sets towers, the variables' device, the session target and the step timeout on {@code b}. */
  Trainer.Builder applyTo(Trainer.Builder b) {
    if (cluster != null) {
      return b.optTowers(IntStream.range(0, cluster.tasks()).mapToObj(ClusterFile::device).toList())
          .optVariableDevice(ClusterFile.device(0))
          .optSessionTarget(cluster.chiefTarget())
          .optStepTimeout(cluster.stepTimeout());
    }
    return devices.isEmpty() ? b : b.optTowers(devices);
  }

  /** The flags that place a run this way again (for the command that resumes it); empty for none. */
  String flags() {
    if (cluster != null) {
      return " " + cluster.flags();
    }
    return devices.isEmpty() ? "" : " --devices " + String.join(",", devices);
  }

  /** {@code saved} config.json content with where the run trains recorded in it (nothing for one piece). */
  ObjectNode record(ObjectNode saved) {
    List<String> where = cluster != null ? cluster.workers() : devices;
    if (where.isEmpty()) {
      return saved;
    }
    ObjectNode copy = saved.deepCopy();
    where.forEach(copy.putArray(cluster != null ? CLUSTER_KEY : DEVICES_KEY)::add);
    return copy;
  }
}
