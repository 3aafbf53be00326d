package dev.hrvq.experiments.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.runtime.Checkpoints;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kill leaves behind, and what --resume, eval and inspect make of it: no checkpoint yet,
 * a torn last log line, a damaged checkpoint. Resumed logs must equal an uninterrupted run's.
 */
class ResumeFaultTest {
  @TempDir static Path tmp;
  static Path config;
  static Path reference;

  @BeforeAll
  static void uninterrupted() throws IOException {
    config = TinyRuns.config(tmp);
    reference = tmp.resolve("reference");
    TinyRuns.train(config, reference);
  }

  private static Path copyOfReference(String name) throws IOException {
    return dev.hrvq.experiments.TreeCopy.copy(reference, tmp.resolve(name));
  }

  private static void assertLogsEqualReference(Path dir) throws IOException {
    for (String log : new String[] {"losses.jsonl", "metrics.jsonl"}) {
      assertThat(Files.readString(dir.resolve(log))).as(log).isEqualTo(Files.readString(reference.resolve(log)));
    }
  }

  /** What a kill -9 before the first checkpoint leaves: config and log lines, no checkpoint. */
  @Test
  void resumeWithNoCheckpointYetStartsOverWithTrimmedLogs() throws IOException {
    Path dir = copyOfReference("killed-early");
    Checkpoints.deleteTree(dir.resolve("checkpoints"));
    Files.delete(dir.resolve("summary.json"));
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString(), "--resume");
    assertThat(r.code()).as(r.all()).isZero();
    assertLogsEqualReference(dir);
  }

  @Test
  void aTornLastLineIsIgnoredWithAWarningByResumeAndInspect() throws IOException {
    Path dir = copyOfReference("torn");
    Checkpoints.deleteTree(dir.resolve("checkpoints/ckpt-00000030"));
    Checkpoints.deleteTree(dir.resolve("checkpoints/ckpt-00000020"));
    Files.writeString(dir.resolve("metrics.jsonl"), "{\"step\": 45, \"test_m", StandardOpenOption.APPEND);
    Cli inspect = Cli.run("inspect", dir.toString());
    assertThat(inspect.code()).as(inspect.all()).isZero();
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString(), "--resume");
    assertThat(r.code()).as(r.all()).isZero();
    assertLogsEqualReference(dir);
  }

  @Test
  void aCorruptLineInTheMiddleIsAnErrorWithItsLineNumber() throws IOException {
    Path dir = copyOfReference("edited");
    String metrics = Files.readString(dir.resolve("metrics.jsonl"));
    Files.writeString(dir.resolve("metrics.jsonl"), "{oops\n" + metrics);
    Cli inspect = Cli.run("inspect", dir.toString());
    assertThat(inspect.code()).as(inspect.all()).isNotZero();
    assertThat(inspect.err()).contains("metrics.jsonl").contains("line 1");
  }

  @Test
  void aTruncatedCheckpointIsNamedAndResumeFallsBackToTheNewestIntactOne() throws IOException {
    Path dir = copyOfReference("truncated");
    Path newest = dir.resolve("checkpoints/ckpt-00000030");
    Path data;
    try (Stream<Path> files = Files.list(newest)) {
      data = files.filter(p -> p.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    for (String command : new String[] {"eval", "export", "reconstruct"}) {
      Cli r = Cli.run(command, dir.toString());
      assertThat(r.code()).as(command + ": " + r.all()).isNotZero();
      assertThat(r.err()).as(command).contains(newest.toString()).contains("damaged").contains("ckpt-00000020");
    }
    Cli chosen = Cli.run("eval", dir.toString(), "--checkpoint", "ckpt-00000020", "--out", tmp.resolve("eval-20.json").toString());
    assertThat(chosen.code()).as(chosen.all()).isZero();
    assertThat(chosen.out()).contains("step 20");

    // Resume skips the damaged checkpoint (saying so), continues from step 20 and ends as the reference did.
    Files.delete(dir.resolve("summary.json"));
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString(), "--resume");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("skipped checkpoint " + newest).contains("resuming from " + dir.resolve("checkpoints/ckpt-00000020"));
    assertLogsEqualReference(dir);
  }

  @Test
  void resumeRefusesWhenEveryCheckpointIsDamagedAndDeletesNothing() throws IOException {
    Path dir = copyOfReference("all-damaged");
    List<Path> all;
    try (Stream<Path> s = Files.list(dir.resolve("checkpoints"))) {
      all = s.sorted().toList();
    }
    for (Path c : all) {
      Files.delete(c.resolve("variables.index"));
    }
    String losses = Files.readString(dir.resolve("losses.jsonl"));
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString(), "--resume");
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains("every checkpoint is damaged").contains("variables.index is missing");
    for (Path c : all) {
      assertThat(c).as("damaged checkpoints are kept").exists();
    }
    assertThat(Files.readString(dir.resolve("losses.jsonl"))).isEqualTo(losses);
  }

  @Test
  void aCheckpointWithAlteredBytesOfTheSameLengthIsDamagedToo() throws IOException {
    Path dir = copyOfReference("altered");
    Path newest = dir.resolve("checkpoints/ckpt-00000030");
    Path index = newest.resolve("variables.index");
    byte[] bytes = Files.readAllBytes(index);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(index, bytes);
    Cli r = Cli.run("eval", dir.toString());
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains(newest.toString()).contains("variables.index");
  }
}
