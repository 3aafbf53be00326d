package dev.hrvq.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.experiments.ChildCli;
import dev.hrvq.experiments.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny synthetic sweep of 2 x 2 points and 2 seeds, run straight through, and run in a child
 * process stopped by a signal in the middle and then rerun: both give the same results.csv, but
 * for the timing columns. Also: a rerun of a finished sweep trains nothing.
 */
class SweepTest {
  static final String BASE = """
      { "name": "tiny-sweep-base",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 8, "train_limit": 64, "test_limit": 16 },
        "model": { "kind": "hrvqvae", "hidden": 8, "residual_units": 4, "dim": 2, "quantizer": { "codewords": 2, "layers": 2 } },
        "training": { "steps": 40, "eval_every": 20, "checkpoint_every": 10, "log_every": 10 },
        "evaluation": { "recon_images": 4 } }
      """;
  static final String SWEEP = """
      { "name": "tiny", "base": "base.json",
        "grid": { "model.quantizer.codewords": [2, 4] },
        "variants": [ { "model.kind": "hrvqvae" }, { "model.kind": "vqvae", "model.quantizer.layers": null } ],
        "seeds": [0, 1] }
      """;

  @TempDir static Path tmp;
  static Path sweep;
  static Path straight;
  static String straightOut;

  @BeforeAll
  static void runStraightThrough() throws IOException {
    Files.writeString(tmp.resolve("base.json"), BASE);
    sweep = Files.writeString(tmp.resolve("tiny.json"), SWEEP);
    straight = tmp.resolve("straight");
    Result r = run("sweep", sweep.toString(), "--out", straight.toString());
    assertThat(r.code).as(r.out).isZero();
    straightOut = r.out;
  }

  @Test
  void everyPointHasARunDirectoryARowAndThePlotExists() throws IOException {
    List<String> lines = Files.readAllLines(straight.resolve("results.csv"));
    assertThat(lines).hasSize(1 + 8);
    assertThat(lines.get(0)).startsWith("point,seed,model.quantizer.codewords,model.kind,model.quantizer.layers,status,test_mse,");
    assertThat(lines.get(1)).startsWith("codewords-2_kind-hrvqvae_seed-0,0,2,hrvqvae,,done,");
    assertThat(lines.get(8)).startsWith("codewords-4_kind-vqvae_seed-1,1,4,vqvae,null,done,");
    for (String line : lines.subList(1, lines.size())) {
      assertThat(Files.isRegularFile(straight.resolve(line.split(",")[0]).resolve("summary.json"))).as(line).isTrue();
    }
    assertThat(straight.resolve("plot-test_mse-vs-codewords.png")).isRegularFile();
    assertThat(straight.resolve("results.json")).isRegularFile();
    assertThat(straight.resolve("sweep.json")).isRegularFile();
    assertThat(straightOut).contains("point 1/8", "point 8/8", "8 points done");
  }

  @Test
  void aSweepStoppedBySignalAndRerunGivesTheSameResults() throws Exception {
    Path stopped = tmp.resolve("stopped");
    Path log = tmp.resolve("stopped.log");
    Process child = ChildCli.start(log, new String[] {"sweep", sweep.toString(), "--out", stopped.toString()});
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      // Into point 4's training (its first progress line), where a signal checkpoints and says how to go on.
      while (!afterPoint4(ChildCli.read(log)).contains("step 10/40")) {
        assertThat(child.isAlive()).as("the sweep runs; its output:%n%s", ChildCli.read(log)).isTrue();
        assertThat(System.nanoTime()).as("point 4 trained 10 steps within 3 minutes").isLessThan(deadline);
        Thread.sleep(20);
      }
      child.destroy(); // SIGTERM
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).as(ChildCli.read(log)).isNotZero();
    // The process ends with the point's checkpoint: what it prints must resume the sweep, not one run.
    assertThat(ChildCli.read(log)).contains("continue with: ./hrvq sweep " + sweep + " --out " + stopped).doesNotContain("./hrvq run");
    List<String> partial = Files.exists(stopped.resolve("results.csv")) ? Files.readAllLines(stopped.resolve("results.csv")) : List.of();
    assertThat(partial.size()).as("rows of finished points only").isLessThan(1 + 8);

    Result rerun = run("sweep", sweep.toString(), "--out", stopped.toString());
    assertThat(rerun.code).as(rerun.out).isZero();
    assertThat(rerun.out).contains("point 1/8 codewords-2_kind-hrvqvae_seed-0: finished earlier, skipped");
    assertThat(withoutTiming(stopped.resolve("results.csv"))).isEqualTo(withoutTiming(straight.resolve("results.csv")));
  }

  @Test
  void rerunningAFinishedSweepTrainsNothingAndKeepsTheResults() throws IOException {
    List<String> before = withoutTiming(straight.resolve("results.csv"));
    String timingBefore = Files.readString(straight.resolve("results.csv"));
    Result r = run("sweep", sweep.toString(), "--out", straight.toString());
    assertThat(r.code).as(r.out).isZero();
    assertThat(r.out).doesNotContain("done: test MSE").contains("finished earlier, skipped");
    assertThat(withoutTiming(straight.resolve("results.csv"))).isEqualTo(before);
    assertThat(Files.readString(straight.resolve("results.csv"))).as("timings kept too").isEqualTo(timingBefore);
  }

  @Test
  void aFolderHrvqDidNotMakeIsRefusedBeforeAnyTraining() throws IOException {
    Path theirs = Files.createDirectories(tmp.resolve("theirs"));
    Files.writeString(theirs.resolve("notes.txt"), "mine");
    Result r = run("sweep", sweep.toString(), "--out", theirs.toString());
    assertThat(r.code).isNotZero();
    assertThat(r.err).contains("is not a sweep folder written by hrvq sweep");
    try (var entries = Files.list(theirs)) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
    }
  }

  @Test
  void compareTakesASweepFolderForItsPoints() {
    Result r = run("compare", straight.toString(), "--out", tmp.resolve("compare-sweep").toString());
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("codewords-2_kind-hrvqvae_seed-0", "codewords-4_kind-vqvae_seed-1", "| model.kind");
    assertThat(tmp.resolve("compare-sweep").resolve("compare.csv")).isRegularFile();
  }

  @Test
  void aPointThatFailsIsRecordedAndTheOthersStillRun() throws IOException {
    // A sweep folder of an earlier run, where someone has since put files into one point's folder:
    // that run refuses them when its turn comes.
    Path folder = Files.createDirectories(tmp.resolve("one-fails"));
    dev.hrvq.experiments.output.OwnerMark.markFolder(folder, "sweep");
    Path blocked = Files.createDirectories(folder.resolve("codewords-2_kind-hrvqvae_seed-1"));
    Files.writeString(blocked.resolve("notes.txt"), "mine");
    Result r = run("sweep", sweep.toString(), "--out", folder.toString());
    assertThat(r.code).as(r.out + r.err).isEqualTo(1);
    assertThat(r.out).contains("point codewords-2_kind-hrvqvae_seed-1 failed:", "1 of 8 points failed");
    List<String> lines = Files.readAllLines(folder.resolve("results.csv"));
    assertThat(lines).hasSize(1 + 8);
    assertThat(lines.get(2)).startsWith("codewords-2_kind-hrvqvae_seed-1,1,2,hrvqvae,,failed");
    assertThat(lines.get(3)).contains(",done,");
    assertThat(Files.readString(blocked.resolve("notes.txt"))).isEqualTo("mine");
  }

  @Test
  void aPlotOfAColumnNoRunHasSaysWhichColumnsThereAre() throws IOException {
    Path file = Files.writeString(tmp.resolve("badplot.json"), SWEEP.replace("\"seeds\": [0, 1] }",
        "\"seeds\": [0, 1], \"plots\": [ { \"metric\": \"test_mes\", \"x\": \"model.quantizer.codewords\" } ] }"));
    Result r = run("sweep", file.toString(), "--out", straight.toString());
    assertThat(r.code).as(r.out + r.err).isZero();
    assertThat(r.out).contains("plot plot-test_mes-vs-codewords.png: skipped, no finished point has a number in column test_mes",
        "the columns are point, seed,", "test_mse");
  }

  /** The CSV with the timing columns removed (they differ between any two runs). */
  static List<String> withoutTiming(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String[] cells = line.split(",", -1);
      List<String> kept = new ArrayList<>();
      for (int i = 0; i < cells.length; i++) {
        if (!SweepResults.TIMING.contains(header.get(i))) {
          kept.add(cells[i]);
        }
      }
      out.add(String.join(",", kept));
    }
    return out;
  }

  record Result(int code, String out, String err) {}

  private static String afterPoint4(String log) {
    int at = log.indexOf("point 4/8");
    return at < 0 ? "" : log.substring(at);
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }
}
