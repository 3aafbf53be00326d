package dev.hrvq.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's CUDA library extraction (HRVQ_GPU=1), on a tiny jar laid out like JavaCPP's
 * redist jar: extracted once, through a temporary folder renamed when complete; a leftover of a
 * killed extraction is never taken for the real folder.
 */
class CudaRedistTest {
  private static final Path SCRIPT = Path.of("src/main/sh/cuda-redist.sh");
  private static final String VERSION = "12.6-9.5-1.5.11";
  private static final String INSIDE = "org/bytedeco/cuda/linux-x86_64/";
  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  @Test
  void extractsOnceByRenameAndSkipsTheSecondTime() throws Exception {
    Path jar = fakeJar(true);
    Path cache = tmp.resolve("cache");
    Run first = run(jar, cache);
    Path dest = cache.resolve(VERSION);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo(dest + "\n");
    assertThat(first.err()).contains("extracting");
    assertThat(Files.readString(dest.resolve("libcudart.so.12"))).isEqualTo("cudart");
    assertThat(Files.readString(dest.resolve("libcudnn.so.9"))).isEqualTo("cudnn");
    try (var names = Files.list(cache)) {
      assertThat(names).containsExactly(dest);
    }

    Files.delete(jar);
    Run second = run(jar, cache);
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo(dest + "\n");
    assertThat(second.err()).isEmpty();
  }

  @Test
  void theLeftoverOfAKilledExtractionIsNotTakenAsCompleteAndIsRemoved() throws Exception {
    Path cache = tmp.resolve("cache");
    Path dead = cache.resolve(".tmp-" + VERSION + "-" + hostName() + "-999999999");
    Files.createDirectories(dead.resolve(INSIDE));
    Files.writeString(dead.resolve(INSIDE + "libcudart.so.12"), "half");
    Path alive = cache.resolve(".tmp-" + VERSION + "-" + hostName() + "-" + ProcessHandle.current().pid());
    Files.createDirectories(alive);

    Run run = run(fakeJar(true), cache);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readString(cache.resolve(VERSION).resolve("libcudnn.so.9"))).isEqualTo("cudnn");
    assertThat(dead).as("its process is gone").doesNotExist();
    assertThat(alive).as("another launcher may still be extracting").exists();
  }

  @Test
  void aJarWithoutLibrariesFailsAndLeavesNothing() throws Exception {
    Path cache = tmp.resolve("cache");
    Run run = run(fakeJar(false), cache);
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("holds no libraries");
    try (var names = Files.list(cache)) {
      assertThat(names).isEmpty();
    }
  }

  private Path fakeJar(boolean withLibraries) throws IOException {
    Path jar = tmp.resolve("cuda-" + VERSION + "-linux-x86_64-redist.jar");
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
      put(zip, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
      if (withLibraries) {
        put(zip, INSIDE + "libcudart.so.12", "cudart");
        put(zip, INSIDE + "libcudnn.so.9", "cudnn");
      }
    }
    return jar;
  }

  private static void put(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private Run run(Path jar, Path cache) throws IOException, InterruptedException {
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = new ProcessBuilder("bash", SCRIPT.toString(), jar.toString(), cache.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String hostName() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("uname", "-n").start();
    String name = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return name;
  }
}
