package dev.hrvq.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.optim.Optimizers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Server;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;
import org.tensorflow.types.TFloat32;

/**
 * Pins the two private entry points {@link Sessions} relies on (TF Java's package-private
 * {@code Session(Graph, TF_Session)} and {@code Graph.ref()}): a trainer on a gRPC server in this
 * process, its variables and tower placed on that server's task, trains as the in-process one.
 */
class SessionsTest {
  @Test
  void aTrainerOnAServerTrainsAsInProcess() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String address = "127.0.0.1:" + port;
    // Never closed: TF Java 1.1.0 cannot stop a server; it ends with the test JVM.
    Server server = new Server(ServerDef.newBuilder()
        .setCluster(ClusterDef.newBuilder().addJob(JobDef.newBuilder().setName("worker").putTasks(0, address)))
        .setJobName("worker").setTaskIndex(0).setProtocol("grpc").build());
    server.start();
    Model model = LinearModels.linear(4);
    try (Trainer local = Trainer.builder().setModel(model).setOptimizer(Optimizers.adam(0.05f)).optSeed(1).build();
        Trainer remote = Trainer.builder().setModel(model).setOptimizer(Optimizers.adam(0.05f)).optSeed(1)
            .optTowers(List.of("/job:worker/replica:0/task:0")).optSessionTarget("grpc://" + address)
            .optStepTimeout(java.time.Duration.ofSeconds(60)).build()) {
      for (int k = 0; k < 5; k++) {
        try (TFloat32 x = Tensors.of(LinearModels.xs(4, k), LinearModels.N, 4); TFloat32 y = Tensors.of(LinearModels.ys(k), LinearModels.N, 1)) {
          float a = local.step(Map.of("x", x, "y", y)).get("loss");
          float b = remote.step(Map.of("x", x, "y", y)).get("loss");
          assertThat(b).as("loss at step %d", k).isCloseTo(a, org.assertj.core.data.Offset.offset(1e-6f));
        }
      }
      assertThat(remote.graph().operation("train_step").device()).isEqualTo("/job:worker/replica:0/task:0");
      try (Outputs p = local.function("w", Map.of(), LinearModels.parameters(), false).call(Map.of());
          Outputs q = remote.function("w", Map.of(), LinearModels.parameters(), false).call(Map.of())) {
        assertThat(q.floats("w")).containsExactly(p.floats("w"), org.assertj.core.data.Offset.offset(1e-6f));
      }
    }
  }
}
