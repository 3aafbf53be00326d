package dev.hrvq.experiments.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.ChildCli;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.run.OpenedRun;
import dev.hrvq.experiments.run.RunDirectory;
import dev.hrvq.experiments.run.Towers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a loopback cluster of three processes (two {@code hrvq worker}s and the chief's
 * {@code hrvq run --cluster}) against the same run in one process.
 *
 * <p>Tolerances: 1e-5 on every logged term; 1e-3 on every variable, relative to the variable's
 * largest entry where that is above 1 (an EMA sum adds residuals of both signs, so a small entry
 * carries the rounding of large terms). A bug of the kind this guards against (a tower's batch sums
 * left out) moves the EMA counts by a third. The towers add row-weighted means where one process takes one mean
 * over the batch, so float32 sums run in another order (about 1e-7 relative per step); Adam divides
 * each gradient by its running root mean square, which magnifies such differences in gradients near
 * zero. Measured here after 40 steps: about 3e-8 on the losses; on the variables 1.4e-6 with
 * this config, 9.4e-5 (an EMA sum) without data_init and dead-code restart.
 */
class ClusterTrainingTest {
  private static final double TOLERANCE = 1e-5;
  private static final double PARAMETER_TOLERANCE = 1e-3;
  private static final String TINY = """
      { "name": "tiny",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 16, "train_limit": 256, "test_limit": 64 },
        "model": { "kind": "hrvqvae", "hidden": 16, "residual_units": 8, "dim": 4,
                   "quantizer": { "codewords": 4, "layers": 2, "ema": { "decay": 0.9 }, "data_init": true,
                                  "dead_code_restart": { "interval": 10, "images": 64 } } },
        "optimizer": { "learning_rate": 0.002, "schedule": "constant" },
        "training": { "steps": 40, "eval_every": 20, "checkpoint_every": 5, "log_every": 1 },
        "evaluation": { "recon_images": 6 } }
      """;
  private static final int STEP_TIMEOUT_SECONDS = 20;
  private static final int FROZEN_STEP_TIMEOUT_SECONDS = 8;

  @TempDir Path tmp;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void twoWorkersAndTheChiefTrainAsOneProcessAndALostWorkerStopsTheRunWhichContinuesInOneProcess() throws Exception {
    Path config = Files.writeString(tmp.resolve("tiny.json"), TINY);
    Path one = tmp.resolve("one");
    assertThat(run(tmp.resolve("one.log"), "run", config.toString(), "--out", one.toString())).isZero();

    // Same parameters and losses on the cluster.
    Path cluster = clusterFile("cluster.json");
    List<Process> workers = List.of(worker(cluster, 1), worker(cluster, 2));
    Path dist = tmp.resolve("dist");
    assertThat(run(tmp.resolve("dist.log"), "run", config.toString(), "--out", dist.toString(), "--cluster", cluster.toString()))
        .as(ChildCli.read(tmp.resolve("dist.log"))).isZero();
    assertSameLosses(one, dist, 40);
    assertSameParameters(one, dist);
    assertThat(RunDirectory.readJson(dist.resolve("config.json")).get(Towers.CLUSTER_KEY)).hasSize(3);
    for (Process w : workers) {
      assertThat(w.waitFor(30, TimeUnit.SECONDS)).as("a worker ends when its chief is done").isTrue();
      assertThat(w.exitValue()).isZero();
    }

    // A killed worker stops a longer run within the step timeout, naming the task, keeping the checkpoint.
    Path cluster2 = clusterFile("cluster2.json");
    List<Process> workers2 = List.of(worker(cluster2, 1), worker(cluster2, 2));
    Path killed = tmp.resolve("killed");
    Path chiefLog = tmp.resolve("killed.log");
    Process chief = start(chiefLog, "run", config.toString(), "--out", killed.toString(), "--cluster", cluster2.toString(),
        "--set", "training.steps=100000");
    waitForLine(chiefLog, "step 12/100000", chief);
    workers2.get(1).destroyForcibly().waitFor();
    long killedAt = System.nanoTime();
    assertThat(chief.waitFor(STEP_TIMEOUT_SECONDS + 30, TimeUnit.SECONDS)).isTrue();
    double seconds = (System.nanoTime() - killedAt) / 1e9;
    String log = ChildCli.read(chiefLog);
    assertThat(chief.exitValue()).as(log).isEqualTo(1);
    String address = readCluster(cluster2).workers().get(2);
    assertThat(log).contains("lost worker task 2 at " + address + " during step").contains("is kept")
        .contains("./hrvq worker --cluster " + cluster2 + " --task 2").contains("or in one process: ./hrvq run");
    assertThat(seconds).as("seconds from the kill to the chief's exit").isLessThan(STEP_TIMEOUT_SECONDS);

    // Its checkpoint continues in one process, to the numbers of the uninterrupted one-process run.
    Path resumeLog = tmp.resolve("resume.log");
    assertThat(run(resumeLog, "run", config.toString(), "--out", killed.toString(), "--resume")).as(ChildCli.read(resumeLog)).isZero();
    assertThat(ChildCli.read(resumeLog)).contains("resuming from ");
    assertSameLosses(one, killed, 40);
    assertSameParameters(one, killed);
  }

  @Test
  void aFrozenWorkerStopsTheRunWhenTheStepTimesOut() throws Exception {
    Path config = Files.writeString(tmp.resolve("tiny.json"), TINY);
    // Past the first steps (which register the graph with every task) a step takes well under a second.
    Path cluster = clusterFile("frozen.json", FROZEN_STEP_TIMEOUT_SECONDS);
    List<Process> workers = List.of(worker(cluster, 1), worker(cluster, 2));
    Path log = tmp.resolve("frozen.log");
    Process chief = start(log, "run", config.toString(), "--out", tmp.resolve("frozen").toString(), "--cluster", cluster.toString(),
        "--set", "training.steps=100000");
    waitForLine(log, "step 6/100000", chief);
    Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(workers.get(0).pid())).start();
    assertThat(stop.waitFor()).isZero();
    long frozenAt = System.nanoTime();
    assertThat(chief.waitFor(FROZEN_STEP_TIMEOUT_SECONDS + 60, TimeUnit.SECONDS)).isTrue();
    double seconds = (System.nanoTime() - frozenAt) / 1e9;
    String out = ChildCli.read(log);
    assertThat(chief.exitValue()).as(out).isEqualTo(1);
    assertThat(out).contains("took longer than step_timeout_seconds (" + FROZEN_STEP_TIMEOUT_SECONDS + " s").contains("is kept")
        .contains("or in one process: ./hrvq run");
    assertThat(seconds).as("seconds from the freeze to the chief's exit").isLessThan(FROZEN_STEP_TIMEOUT_SECONDS + 15);
  }

  @Test
  void aClusterFileOutsideLoopbackIsRefusedWithoutTheFlag() throws IOException {
    Path file = Files.writeString(tmp.resolve("remote.json"), "{\"workers\": [\"127.0.0.1:2222\", \"10.1.2.3:2222\"]}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterFile.read(file, false)).hasMessageContaining("workers[1]")
        .hasMessageContaining("10.1.2.3:2222").hasMessageContaining("--allow-remote");
    assertThat(ClusterFile.read(file, true).tasks()).isEqualTo(2);
  }

  private Path clusterFile(String name) throws IOException {
    return clusterFile(name, STEP_TIMEOUT_SECONDS);
  }

  private Path clusterFile(String name, int stepTimeoutSeconds) throws IOException {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        addresses.add("\"127.0.0.1:" + s.getLocalPort() + "\"");
      }
    }
    return Files.writeString(tmp.resolve(name), "{\"workers\": " + addresses + ", \"step_timeout_seconds\": " + stepTimeoutSeconds
        + ", \"idle_timeout_seconds\": 120}");
  }

  private static ClusterFile readCluster(Path file) {
    return ClusterFile.read(file, false);
  }

  private Process worker(Path cluster, int task) throws IOException {
    return start(tmp.resolve("worker-" + cluster.getFileName() + "-" + task + ".log"), "worker", "--cluster", cluster.toString(),
        "--task", String.valueOf(task));
  }

  private Process start(Path log, String... args) throws IOException {
    Process p = ChildCli.start(log, args);
    started.add(p);
    return p;
  }

  private int run(Path log, String... args) throws Exception {
    Process p = start(log, args);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s finished", String.join(" ", args)).isTrue();
    return p.exitValue();
  }

  private static void waitForLine(Path log, String line, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!ChildCli.read(log).contains(line)) {
      assertThat(p.isAlive()).as("still running: %s", ChildCli.read(log)).isTrue();
      assertThat(System.nanoTime()).as("waiting for '%s'", line).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void assertSameLosses(Path expected, Path actual, int steps) {
    List<JsonNode> a = RunDirectory.readLines(expected.resolve("losses.jsonl"));
    List<JsonNode> b = RunDirectory.readLines(actual.resolve("losses.jsonl"));
    assertThat(b).hasSize(steps).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      JsonNode x = a.get(i);
      JsonNode y = b.get(i);
      int line = i + 1;
      x.fieldNames().forEachRemaining(k -> assertThat(y.get(k).asDouble()).as("%s at line %d of %s", k, line, actual)
          .isCloseTo(x.get(k).asDouble(), org.assertj.core.data.Offset.offset(TOLERANCE)));
    }
  }

  private static void assertSameParameters(Path expected, Path actual) {
    Map<String, float[]> a = parameters(expected);
    Map<String, float[]> b = parameters(actual);
    assertThat(b.keySet()).isEqualTo(a.keySet()).isNotEmpty();
    double[] worst = {0};
    a.forEach((name, values) -> {
      double scale = 1;
      for (float v : values) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < values.length; i++) {
        double d = Math.abs(values[i] - b.get(name)[i]) / scale;
        assertThat(d).as("difference in %s[%d] (%s vs %s)", name, i, values[i], b.get(name)[i]).isLessThanOrEqualTo(PARAMETER_TOLERANCE);
        worst[0] = Math.max(worst[0], d);
      }
    });
    System.out.printf("largest scaled variable difference %s vs %s: %.3g%n", actual.getFileName(), expected.getFileName(), worst[0]);
  }

  /** Every parameter and state variable of a run's newest checkpoint. */
  private static Map<String, float[]> parameters(Path run) {
    try (OpenedRun opened = OpenedRun.open(run, DataSets.fromEnvironment())) {
      return opened.trainer().weightValues();
    }
  }
}
