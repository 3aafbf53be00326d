package dev.hrvq.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.optim.Optimizers;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.types.TFloat32;

/**
 * Damaged checkpoints are found before TensorFlow reads them and named with what is wrong; the
 * newest intact one is found past them; an export never replaces an existing path; pruning touches
 * only checkpoints.
 */
class CheckpointFaultTest {
  private static final int F = 4;

  private static Trainer trainer() {
    return Trainer.builder().setModel(LinearModels.linear(F)).setOptimizer(Optimizers.adam(0.05f)).optSeed(1).build();
  }

  private static void step(Trainer t) {
    try (TFloat32 x = Tensors.of(LinearModels.xs(F, 0), LinearModels.N, F);
        TFloat32 y = Tensors.of(LinearModels.ys(0), LinearModels.N, 1)) {
      t.step(Map.of("x", x, "y", y));
    }
  }

  /** Two checkpoints (steps 1 and 2) in {@code dir}. */
  private static List<Path> twoCheckpoints(Path dir) {
    List<Path> saved = new ArrayList<>();
    try (Trainer t = trainer()) {
      step(t);
      saved.add(t.save(dir));
      step(t);
      saved.add(t.save(dir));
    }
    return saved;
  }

  private static Path dataFile(Path checkpoint) throws IOException {
    try (Stream<Path> files = Files.list(checkpoint)) {
      return files.filter(p -> p.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
    }
  }

  @Test
  void aTruncatedBundleIsDamagedAndRestoreNamesTheFolder(@TempDir Path dir) throws IOException {
    Path newest = twoCheckpoints(dir).get(1);
    assertThat(Checkpoints.problem(newest)).isEmpty();
    Path data = dataFile(newest);
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.setLength(f.length() - 3);
    }
    assertThat(Checkpoints.problem(newest)).hasValueSatisfying(p -> assertThat(p).contains(data.getFileName().toString()).contains("bytes"));
    try (Trainer t = trainer()) {
      assertThatThrownBy(() -> t.restore(newest)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(newest.toString()).hasMessageContaining("damaged");
    }
  }

  @Test
  void changedBytesOfTheSameLengthAreFoundByChecksum(@TempDir Path dir) throws IOException {
    Path newest = twoCheckpoints(dir).get(1);
    Path data = dataFile(newest);
    byte[] bytes = Files.readAllBytes(data);
    bytes[0] ^= 1;
    Files.write(data, bytes);
    assertThat(Checkpoints.problem(newest)).hasValueSatisfying(p -> assertThat(p).contains("checksum"));
  }

  @Test
  void latestIntactSkipsDamagedCheckpointsSayingWhich(@TempDir Path dir) throws IOException {
    List<Path> saved = twoCheckpoints(dir);
    Files.delete(saved.get(1).resolve("variables.index"));
    List<String> skipped = new ArrayList<>();
    assertThat(Checkpoints.latestIntact(dir, skipped::add)).contains(saved.get(0));
    assertThat(skipped).singleElement().asString().contains(saved.get(1).toString()).contains("variables.index");
    try (Trainer t = trainer()) {
      t.restore(saved.get(0));
      assertThat(t.stepCount()).isEqualTo(1);
    }
  }

  @Test
  void aManifestRecordsTheLastStepsTerms(@TempDir Path dir) {
    Path newest = twoCheckpoints(dir).get(1);
    assertThat(Checkpoints.readManifest(newest).lastTerms()).containsKeys("loss", "mse");
  }

  @Test
  void exportNeverReplacesAnExistingPath(@TempDir Path dir) throws IOException {
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("keep.txt"), "keep");
    try (Trainer t = trainer()) {
      assertThatThrownBy(() -> t.exportSavedModel(mine, Map.of("x", InputSpec.floats(-1, F)), LinearModels.prediction(), false))
          .hasMessageContaining(mine.toString()).hasMessageContaining("exists");
    }
    assertThat(Files.readString(mine.resolve("keep.txt"))).isEqualTo("keep");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("mine");
    }
  }

  @Test
  void pruneDeletesOnlyOldCheckpoints(@TempDir Path dir) throws IOException {
    List<Path> saved = twoCheckpoints(dir);
    Path mine = Files.createDirectories(dir.resolve("ckpt-notes"));
    Path unfinished = Files.createDirectories(dir.resolve("ckpt-00000099"));
    Checkpoints.prune(dir, 1);
    assertThat(saved.get(0)).doesNotExist();
    assertThat(saved.get(1)).exists();
    assertThat(mine).exists();
    assertThat(unfinished).as("a folder without a manifest is not a checkpoint").exists();
  }
}
