package dev.hrvq.experiments.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command deletes or replaces what it did not write: every command that writes a file or folder
 * (export, reconstruct, eval, bench) refuses a path that holds something else, leaving it as it was;
 * only an earlier output of the same command is replaced, and only with --force.
 */
class OutputFaultTest {
  @TempDir static Path tmp;
  static Path run;

  @BeforeAll
  static void trainOnce() throws IOException {
    run = tmp.resolve("run");
    TinyRuns.train(TinyRuns.config(tmp), run);
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void exportOntoAUserFileIsRefusedAndTheFileKept() throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "my notes");
    Cli r = Cli.run("export", run.toString(), "--out", file.toString());
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains(file.toString()).contains("did not write");
    assertThat(Files.readString(file)).isEqualTo("my notes");
  }

  @Test
  void exportOntoAnUnrelatedFolderIsRefusedAndItsContentsKept() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("photos"));
    Files.writeString(folder.resolve("a.jpg"), "jpeg bytes");
    Cli r = Cli.run("export", run.toString(), "--out", folder.toString(), "--force");
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains(folder.toString());
    assertThat(Files.readString(folder.resolve("a.jpg"))).isEqualTo("jpeg bytes");
    assertThat(listing(folder)).containsExactly("", "a.jpg");
  }

  @Test
  void exportOntoTheRunItselfIsRefusedAndTheRunKept() throws IOException {
    List<String> before = listing(run);
    for (String[] args : new String[][] {{"export", run.toString(), "--out", run.toString()},
        {"export", run.toString(), "--out", run.toString(), "--force"}}) {
      Cli r = Cli.run(args);
      assertThat(r.code()).as(r.all()).isNotZero();
      assertThat(listing(run)).isEqualTo(before);
    }
  }

  @Test
  void anEarlierExportIsReplacedOnlyWithForce() throws IOException {
    Path out = tmp.resolve("exported");
    Cli first = Cli.run("export", run.toString(), "--out", out.toString());
    assertThat(first.code()).as(first.all()).isZero();
    assertThat(out.resolve("saved_model.pb")).exists();
    Cli again = Cli.run("export", run.toString(), "--out", out.toString());
    assertThat(again.code()).as(again.all()).isNotZero();
    assertThat(again.err()).contains("--force");
    Cli forced = Cli.run("export", run.toString(), "--out", out.toString(), "--force");
    assertThat(forced.code()).as(forced.all()).isZero();
    assertThat(out.resolve("saved_model.pb")).exists();
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).as("no temporary folders left").noneMatch(n -> n.contains(".tmp"));
    }
  }

  @Test
  void reconstructOntoAUserFileIsRefusedAndTheFileKept() throws IOException {
    Path file = Files.writeString(tmp.resolve("figure.png"), "not ours");
    for (String[] args : new String[][] {{"reconstruct", run.toString(), "--out", file.toString()},
        {"reconstruct", run.toString(), "--out", file.toString(), "--force"}}) {
      Cli r = Cli.run(args);
      assertThat(r.code()).as(r.all()).isNotZero();
      assertThat(Files.readString(file)).isEqualTo("not ours");
    }
  }

  @Test
  void reconstructReplacesItsOwnEarlierPictureWithForce() {
    Path png = tmp.resolve("grid.png");
    assertThat(Cli.run("reconstruct", run.toString(), "--out", png.toString()).code()).isZero();
    assertThat(Cli.run("reconstruct", run.toString(), "--out", png.toString()).code()).isNotZero();
    Cli forced = Cli.run("reconstruct", run.toString(), "--out", png.toString(), "--force");
    assertThat(forced.code()).as(forced.all()).isZero();
  }

  @Test
  void evalDoesNotOverwriteAUsersFileNamedEvalJson() throws IOException {
    Path mine = Files.writeString(run.resolve("eval.json"), "{\"mine\": true}");
    Cli r = Cli.run("eval", run.toString());
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(Files.readString(mine)).isEqualTo("{\"mine\": true}");
  }

  @Test
  void benchDoesNotOverwriteAUsersFileAndRefusesBeforeMeasuring() throws IOException {
    Path mine = Files.writeString(tmp.resolve("bench.json"), "keep");
    Cli r = Cli.run("bench", "--quick", "--out", mine.toString());
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.out()).as("refused before measuring").isEmpty();
    assertThat(Files.readString(mine)).isEqualTo("keep");
  }
}
