package dev.hrvq.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Layer;
import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/**
 * 1,000 training steps must not grow the process: every step feeds a fresh 256 KiB batch, so a
 * leaked tensor or result per step would add well over 200 MiB.
 */
class MemoryStaysFlatTest {
  private static final int SIZE = 32;
  private static final int BATCH = 64;
  private static final long BOUND_MIB = 64;

  @Test
  void thousandStepsGrowResidentMemoryByLessThan64MiB() throws IOException {
    Layer net = Autoencoders.network(8, 2);
    float[] images = Autoencoders.rectangles(BATCH, SIZE, 1);
    try (Trainer t = Trainer.builder().setModel(Autoencoders.model(net, SIZE)).setOptimizer(Optimizers.adam(1e-3f)).build()) {
      long warm = 0;
      long peak = 0;
      for (int step = 0; step < 1000; step++) {
        try (TFloat32 x = Tensors.of(images, BATCH, SIZE, SIZE, 1)) {
          t.step(Map.of("x", x));
        }
        if (step == 99) {
          warm = residentKiB();
        } else if (step > 99 && step % 50 == 0) {
          peak = Math.max(peak, residentKiB());
        }
      }
      long growthMiB = (Math.max(peak, residentKiB()) - warm) / 1024;
      System.out.printf("resident memory: %d MiB after 100 steps, at most %d MiB more up to step 1000%n", warm / 1024, growthMiB);
      assertThat(growthMiB).isLessThan(BOUND_MIB);
    }
  }

  /** VmRSS of this process, from /proc (Linux, where the project runs). */
  private static long residentKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
