package dev.hrvq.experiments.bench;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.experiments.cluster.ClusterFile;
import dev.hrvq.experiments.cluster.TaskProbe;
import dev.hrvq.experiments.cluster.TaskServer;
import dev.hrvq.models.Architecture;
import dev.hrvq.models.HrVqVae;
import dev.hrvq.quantize.HierarchicalQuantizer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tensorflow.types.TFloat32;

/**
 * A training step of the quickstart's HR-VQVAE in one process and on a loopback cluster whose
 * chief is this process, with 1 and 2 local worker processes ({@code hrvq worker}, started and
 * stopped here), and the bytes that cross between tasks per step ({@link CrossTaskBytes}). On a
 * machine with fewer cores than towers need this measures overhead, not speed-up.
 */
final class ClusterBench {
  private ClusterBench() {}

  static Map<String, Object> run(boolean quick, PrintStream log) {
    int batch = quick ? 32 : 128;
    int steps = quick ? 2 : 8;
    Map<String, Object> r = new LinkedHashMap<>();
    HrVqVae model = new HrVqVae(Architecture.mnist(), HierarchicalQuantizer.builder().setCodewords(4).setLayers(3).build(), 0.25f,
        new float[] {0.25f, 0.25f, 0.25f});
    List<Process> workers = new ArrayList<>();
    try {
      Path dir = Files.createTempDirectory("hrvq-bench-cluster");
      Path file = dir.resolve("cluster.json");
      List<String> addresses = freeLoopbackPorts(3);
      Files.writeString(file, "{\"workers\": [\"" + String.join("\", \"", addresses) + "\"], \"step_timeout_seconds\": 600}");
      ClusterFile cluster = ClusterFile.read(file, false);
      for (int t = 1; t < cluster.tasks(); t++) {
        workers.add(startWorker(file, t, dir.resolve("worker-" + t + ".log")));
      }
      TaskServer.start(cluster, 0);
      TaskProbe.awaitWorkers(cluster, Duration.ofSeconds(120), log);
      r.put("cluster_batch", batch);
      double alone = stepMs(Trainer.builder(), model, batch, steps, log, "one process");
      r.put("cluster_train_ms_one_process", round(alone));
      for (int towers = 2; towers <= 3; towers++) {
        Trainer.Builder b = Trainer.builder()
            .optTowers(IntStream.range(0, towers).mapToObj(ClusterFile::device).toList())
            .optVariableDevice(ClusterFile.device(0))
            .optSessionTarget(cluster.chiefTarget())
            .optStepTimeout(cluster.stepTimeout());
        String key = (towers - 1) + "_worker" + (towers > 2 ? "s" : "");
        long[] bytes = new long[2];
        int rowsPerTower = batch / towers;
        double ms = stepMs(b, model, batch, steps, log, "chief + " + key.replace('_', ' '), t -> {
          CrossTaskBytes c = CrossTaskBytes.of(t.graph(), rowsPerTower);
          bytes[0] = c.total();
          bytes[1] = c.byTask().getOrDefault(1, 0L);
        });
        r.put("cluster_train_ms_" + key, round(ms));
        r.put("cluster_overhead_" + key, round(ms / alone));
        r.put("cluster_bytes_per_step_" + key, bytes[0]);
        r.put("cluster_bytes_per_step_task1_" + key, bytes[1]);
      }
      long params = model.model().params().values().stream().mapToLong(s -> s.shape().size() * 4).sum();
      r.put("cluster_param_bytes", params);
      return r;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cluster bench", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("cluster bench interrupted", e);
    } finally {
      workers.forEach(Process::destroy);
    }
  }

  private static double stepMs(Trainer.Builder b, HrVqVae model, int batch, int steps, PrintStream log, String what) {
    return stepMs(b, model, batch, steps, log, what, t -> {});
  }

  private static double stepMs(Trainer.Builder b, HrVqVae model, int batch, int steps, PrintStream log, String what,
      java.util.function.Consumer<Trainer> inspect) {
    var shape = model.imageSpec().shape();
    float[] images = Bench.random((int) (batch * shape.get(1) * shape.get(2) * shape.get(3)), 5);
    try (Trainer t = b.setModel(model.model()).setOptimizer(Optimizers.adam(3e-4f)).build();
        TFloat32 x = Tensors.of(images, batch, shape.get(1), shape.get(2), shape.get(3))) {
      inspect.accept(t);
      Map<String, TFloat32> feed = Map.of("x", x);
      t.step(feed);
      t.step(feed);
      double[] ms = new double[steps];
      for (int i = 0; i < steps; i++) {
        long start = System.nanoTime();
        t.step(feed);
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
      double median = Bench.median(ms);
      log.printf("cluster bench: %s, %d towers: train step (batch %d) %.1f ms%n", what, t.towers(), batch, median);
      return median;
    }
  }

  private static Process startWorker(Path cluster, int task, Path logFile) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.hrvq.experiments.cli.Main", "worker",
        "--cluster", cluster.toString(), "--task", String.valueOf(task)).redirectErrorStream(true).redirectOutput(logFile.toFile());
    pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
    return pb.start();
  }

  private static List<String> freeLoopbackPorts(int n) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        out.add("127.0.0.1:" + s.getLocalPort());
      }
      return out;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
