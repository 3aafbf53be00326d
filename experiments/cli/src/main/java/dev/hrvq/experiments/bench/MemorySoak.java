package dev.hrvq.experiments.bench;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.models.Architecture;
import dev.hrvq.models.HrVqVae;
import dev.hrvq.quantize.HierarchicalQuantizer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.types.TFloat32;

/**
 * Memory over a long run: a tiny HR-VQVAE trained for many steps, resident memory sampled as it
 * goes next to the Java heap the JVM has committed. Warm-up is the first half; {@code
 * rss_growth_after_warmup} is the relative growth of resident memory over the second half, which
 * stays near zero when nothing leaks. Committed heap becomes resident only as the young generation
 * first touches its pages, so resident memory climbs during warm-up by up to the committed heap
 * (run with {@code -XX:+AlwaysPreTouch} to see it resident from the start).
 */
final class MemorySoak {
  private MemorySoak() {}

  static Map<String, Object> run(int steps, PrintStream log) {
    HrVqVae model = new HrVqVae(new Architecture(16, 1, 8, 4, 2, 2),
        HierarchicalQuantizer.builder().setCodewords(2).setLayers(2).build(), 0.25f, new float[] {0.25f, 0.25f});
    float[] images = Bench.random(8 * 16 * 16, 11);
    List<long[]> samples = new ArrayList<>();
    try (Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(1e-3f)).build();
        TFloat32 x = Tensors.of(images, 8, 16, 16, 1)) {
      int every = Math.max(1, steps / 20);
      for (int step = 1; step <= steps; step++) {
        t.step(Map.of("x", x));
        if (step % every == 0 || step == 1) {
          long[] s = {step, rssMb(), heapCommittedMb()};
          samples.add(s);
          log.printf("soak step %d: rss %d MB (java heap committed %d MB)%n", s[0], s[1], s[2]);
        }
      }
    }
    long[] half = samples.stream().filter(s -> s[0] >= steps / 2).findFirst().orElse(samples.get(0));
    long[] last = samples.get(samples.size() - 1);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("soak_steps", steps);
    r.put("rss_mb_first_step", samples.get(0)[1]);
    r.put("rss_mb_half", half[1]);
    r.put("rss_mb_end", last[1]);
    r.put("heap_committed_mb_half", half[2]);
    r.put("heap_committed_mb_end", last[2]);
    r.put("rss_growth_after_warmup", Math.round(1000.0 * (last[1] - half[1]) / half[1]) / 1000.0);
    return r;
  }

  static long rssMb() {
    return procStatusMb("VmRSS:");
  }

  /** A memory figure of this process from {@code /proc/self/status} ({@code VmRSS:}, {@code VmHWM:}) in MB; -1 where there is none. */
  static long procStatusMb(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  private static long heapCommittedMb() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024 * 1024);
  }
}
