package dev.hrvq.experiments.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad cluster file is named with its key or entry and how to fix it. */
class ClusterFileTest {
  @TempDir Path tmp;

  private ClusterFile read(String json) throws IOException {
    return ClusterFile.read(Files.writeString(tmp.resolve("c.json"), json), false);
  }

  @Test
  void aGoodFileGivesTasksDevicesAndTimeouts() throws IOException {
    ClusterFile c = read("{\"workers\": [\"127.0.0.1:2222\", \"localhost:2223\", \"[::1]:2224\"], \"step_timeout_seconds\": 1.5}");
    assertThat(c.tasks()).isEqualTo(3);
    assertThat(c.chiefTarget()).isEqualTo("grpc://127.0.0.1:2222");
    assertThat(ClusterFile.device(2)).isEqualTo("/job:worker/replica:0/task:2");
    assertThat(c.stepTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(ClusterFile.DEFAULT_IDLE_TIMEOUT_SECONDS));
    assertThat(c.flags()).isEqualTo("--cluster " + tmp.resolve("c.json")).doesNotContain("--allow-remote");
  }

  @Test
  void badFilesAreNamed() throws IOException {
    assertThatThrownBy(() -> ClusterFile.read(tmp.resolve("none.json"), false)).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> read("{\"workers\": [")).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> read("[]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> read("{\"worker\": [\"127.0.0.1:1\"]}")).hasMessageContaining("unknown key \"worker\"");
    assertThatThrownBy(() -> read("{\"workers\": []}")).hasMessageContaining("non-empty array");
    assertThatThrownBy(() -> read("{\"workers\": [2222]}")).hasMessageContaining("workers[0]").hasMessageContaining("string");
    assertThatThrownBy(() -> read("{\"workers\": [\"127.0.0.1\"]}")).hasMessageContaining("workers[0]").hasMessageContaining("host:port");
    assertThatThrownBy(() -> read("{\"workers\": [\"127.0.0.1:70000\"]}")).hasMessageContaining("port 70000");
    assertThatThrownBy(() -> read("{\"workers\": [\"127.0.0.1:1\", \"127.0.0.1:1\"]}")).hasMessageContaining("workers[1] repeats");
    assertThatThrownBy(() -> read("{\"workers\": [\"127.0.0.1:1\"], \"step_timeout_seconds\": 0}"))
        .hasMessageContaining("\"step_timeout_seconds\" is 0");
    assertThatThrownBy(() -> read("{\"workers\": [\"127.0.0.1:1\"], \"idle_timeout_seconds\": \"long\"}"))
        .hasMessageContaining("\"idle_timeout_seconds\"");
    assertThatThrownBy(() -> read("{\"workers\": [\"127.0.0.1:1\", \"gpu-box:2222\"]}")).hasMessageContaining("workers[1]")
        .hasMessageContaining("loopback").hasMessageContaining("--allow-remote");
  }

  @Test
  void anErrorMessageNamesTheWorkerTask() throws IOException {
    ClusterFile c = read("{\"workers\": [\"127.0.0.1:2222\", \"127.0.0.1:2223\", \"127.0.0.1:2224\"]}");
    assertThat(c.taskNamedIn("From /job:worker/replica:0/task:2:\nConnection reset")).isEqualTo(2);
    assertThat(c.taskNamedIn("failed to connect to 127.0.0.1:2223")).isEqualTo(1);
    assertThat(c.taskNamedIn("something else")).isEqualTo(-1);
  }
}
