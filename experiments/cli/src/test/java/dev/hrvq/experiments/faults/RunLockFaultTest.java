package dev.hrvq.experiments.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.experiments.ChildCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process per run directory: while a real `hrvq run` (a child JVM) trains, a second run and a
 * --resume on the same directory are refused naming the holder; after the holder is killed with
 * SIGKILL its lock does not block, and --resume continues from its last checkpoint.
 */
class RunLockFaultTest {
  private static final String LONG = """
      { "name": "long",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 8, "train_limit": 64, "test_limit": 16 },
        "model": { "kind": "hrvqvae", "hidden": 8, "residual_units": 4, "dim": 2, "quantizer": { "codewords": 2, "layers": 2 } },
        "training": { "steps": 100000, "eval_every": 100000, "checkpoint_every": 10, "log_every": 10 } }
      """;
  private static final String SHORT = LONG.replace("\"steps\": 100000,", "\"steps\": 30,");

  @TempDir Path tmp;

  @Test
  void aSecondProcessIsRefusedWhileTheFirstRunsAndADeadHoldersLockDoesNotBlock() throws Exception {
    Path config = Files.writeString(tmp.resolve("long.json"), LONG);
    Path dir = tmp.resolve("run");
    Path log = tmp.resolve("child.txt");
    Process child = ChildCli.start(log, new String[] {"run", config.toString(), "--out", dir.toString()});
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (Checkpoints.latest(dir.resolve("checkpoints")).isEmpty()) {
        assertThat(child.isAlive()).as("the child trains; its output:%n%s", ChildCli.read(log)).isTrue();
        assertThat(System.nanoTime()).as("a first checkpoint within 2 minutes").isLessThan(deadline);
        Thread.sleep(100);
      }
      String losses = Files.readString(dir.resolve("losses.jsonl"));
      for (String[] args : new String[][] {
          {"run", config.toString(), "--out", dir.toString()},
          {"run", config.toString(), "--out", dir.toString(), "--resume"}}) {
        Cli second = Cli.run(args);
        assertThat(second.code()).as(second.all()).isNotZero();
        assertThat(second.err()).contains("in use by process " + child.pid());
      }
      assertThat(Files.readString(dir.resolve("losses.jsonl"))).as("the refused processes wrote nothing").startsWith(losses);
      child.destroyForcibly(); // SIGKILL: no shutdown hook, the lock file stays behind
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(Files.exists(dir.resolve(".hrvq.lock"))).as("the dead holder's lock file is still there").isTrue();
    // A resume now gets past the lock: with another config it is refused for that reason, not the lock.
    Path shortConfig = Files.writeString(tmp.resolve("long-short.json"), SHORT);
    Cli after = Cli.run("run", shortConfig.toString(), "--out", dir.toString(), "--resume");
    assertThat(after.code()).as(after.all()).isNotZero();
    assertThat(after.err()).contains("cannot be shortened").doesNotContain("in use");
    assertThat(lockIsFree(dir)).as("and releases it again").isTrue();
  }

  private static boolean lockIsFree(Path dir) throws IOException {
    try (var channel = java.nio.channels.FileChannel.open(dir.resolve(".hrvq.lock"), java.nio.file.StandardOpenOption.WRITE);
        var lock = channel.tryLock()) {
      return lock != null;
    }
  }
}
