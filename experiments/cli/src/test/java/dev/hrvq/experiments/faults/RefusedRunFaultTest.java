package dev.hrvq.experiments.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.experiments.run.RunClaim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused run leaves nothing, and a run never writes into a folder that is not its own: a
 * config refused at any stage leaves no run directory; a claim released before the run starts
 * removes exactly what it created; a folder of someone else's files is refused untouched.
 */
class RefusedRunFaultTest {
  @TempDir Path tmp;

  private static long entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void aConfigRefusedForItsSizeLeavesNoRunDirectory() throws IOException {
    Path config = Files.writeString(tmp.resolve("huge.json"), TinyRuns.CONFIG.replace("\"batch_size\": 8", "\"batch_size\": 1000000"));
    Path dir = tmp.resolve("run");
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString());
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains("data.batch_size").contains("GB");
    assertThat(dir).doesNotExist();
  }

  @Test
  void aResumeRefusedForADifferentConfigChangesNothing() throws IOException {
    Path config = TinyRuns.config(tmp);
    Path dir = tmp.resolve("run");
    TinyRuns.train(config, dir);
    String saved = Files.readString(dir.resolve("config.json"));
    // The batch size may not change on resume (training.steps may: it extends the run).
    Path other = Files.writeString(tmp.resolve("other.json"), TinyRuns.CONFIG.replace("\"batch_size\": 8", "\"batch_size\": 4"));
    Cli r = Cli.run("run", other.toString(), "--out", dir.toString(), "--resume");
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains("data.batch_size: 8 -> 4");
    assertThat(Files.readString(dir.resolve("config.json"))).isEqualTo(saved);
  }

  @Test
  void aClaimReleasedBeforeTheRunStartsRemovesWhatItCreated() throws IOException {
    Path dir = tmp.resolve("new");
    try (RunClaim claim = RunClaim.take(dir, dir.resolve("config.json"))) {
      claim.creating(dir.resolve("config.json"));
      Files.writeString(dir.resolve("config.json"), "{}");
    }
    assertThat(dir).doesNotExist();
  }

  @Test
  void aClaimOnAnEmptyFolderOfTheUsersKeepsTheFolder() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    try (RunClaim claim = RunClaim.take(dir, dir.resolve("config.json"))) {
      claim.creating(dir.resolve("config.json"));
      Files.writeString(dir.resolve("config.json"), "{}");
    }
    assertThat(dir).isDirectory();
    assertThat(entries(dir)).isZero();
  }

  @Test
  void aFolderOfSomeoneElsesFilesIsRefusedUntouched() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("thesis"));
    Files.writeString(dir.resolve("chapter1.tex"), "text");
    Cli r = Cli.run("run", TinyRuns.config(tmp).toString(), "--out", dir.toString());
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains("not an hrvq run directory");
    assertThat(entries(dir)).isEqualTo(1);
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Cli onFile = Cli.run("run", TinyRuns.config(tmp).toString(), "--out", file.toString());
    assertThat(onFile.code()).isNotZero();
    assertThat(Files.readString(file)).isEqualTo("x");
  }
}
