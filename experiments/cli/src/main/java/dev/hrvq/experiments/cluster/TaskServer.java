package dev.hrvq.experiments.cluster;

import dev.hrvq.api.runtime.SessionConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Server;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * The TensorFlow gRPC server of one task. TF Java 1.1.0 cannot stop a server ("Clean shutdown is
 * not currently implemented"): it serves until its process ends, so every server started here is
 * kept for the life of the process (and never closed, which would try to stop it).
 */
public final class TaskServer {
  private static final List<Server> RUNNING = new ArrayList<>();

  private TaskServer() {}

  /** Starts task {@code task}'s server on its address of {@code cluster}; a taken port is a clear error. */
  public static synchronized void start(ClusterFile cluster, int task) {
    JobDef.Builder job = JobDef.newBuilder().setName(ClusterFile.JOB);
    for (int t = 0; t < cluster.tasks(); t++) {
      job.putTasks(t, cluster.workers().get(t));
    }
    ServerDef def = ServerDef.newBuilder()
        .setCluster(ClusterDef.newBuilder().addJob(job))
        .setJobName(ClusterFile.JOB)
        .setTaskIndex(task)
        .setProtocol("grpc")
        .setDefaultSessionConfig(SessionConfig.get())
        .build();
    try {
      Server server = new Server(def);
      server.start();
      RUNNING.add(server);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot start the server of task " + task + " on " + cluster.workers().get(task) + " (from "
          + cluster.file() + "): " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
          + "; is the port taken (another worker, an earlier run still going)?", e);
    }
  }
}
