package dev.hrvq.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code ./hrvq} commands started at once (the workers of a cluster on one machine) build
 * once and all run. The real launcher runs in a copy of the repository's layout whose {@code mvn}
 * is a stand-in that takes two seconds and writes the test's own class path: without the
 * launcher's build lock, each command built, and all but the first failed renaming the class-path
 * file the first had already moved.
 */
class LauncherConcurrencyTest {
  @TempDir Path tmp;

  @Test
  void threeCommandsStartedTogetherBuildOnceAndAllRun() throws Exception {
    Path root = tmp.resolve("repo");
    Files.createDirectories(root.resolve("experiments/cli/src/main/sh"));
    Files.copy(Path.of("../../hrvq"), root.resolve("hrvq"));
    Files.copy(Path.of("src/main/sh/tf-log-filter.sh"), root.resolve("experiments/cli/src/main/sh/tf-log-filter.sh"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path builds = tmp.resolve("builds.log");
    Path mvn = Files.writeString(bin.resolve("mvn"), """
        #!/usr/bin/env bash
        echo build >> "%s"
        sleep 2
        for a in "$@"; do case "$a" in -Dmdep.outputFile=*) printf '%%s' "$HRVQ_TEST_CLASSPATH" > "${a#-Dmdep.outputFile=}";; esac; done
        """.formatted(builds));
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(root.resolve("Source.java"), "// a source newer than any build\n");

    List<Process> commands = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("hrvq").toString(), "version").redirectErrorStream(true)
          .redirectOutput(tmp.resolve("out-" + i + ".log").toFile());
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      pb.environment().put("HRVQ_TEST_CLASSPATH", System.getProperty("java.class.path"));
      commands.add(pb.start());
    }
    for (int i = 0; i < commands.size(); i++) {
      assertThat(commands.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(tmp.resolve("out-" + i + ".log"));
      assertThat(commands.get(i).exitValue()).as(out).isZero();
      assertThat(out).contains("TensorFlow Java");
    }
    assertThat(Files.readAllLines(builds)).as("builds").hasSize(1);
  }
}
