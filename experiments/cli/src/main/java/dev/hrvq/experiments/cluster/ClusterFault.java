package dev.hrvq.experiments.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * What a failed step on a cluster means and what to do. TensorFlow reports a lost worker as a
 * plain error (connection reset, then UNAVAILABLE) and a frozen one as "Operation timed out" after
 * the step timeout; its message may or may not name the task, so the workers are also asked
 * directly ({@link TaskProbe}) which of them is gone.
 */
public final class ClusterFault {
  private ClusterFault() {}

  /**
   * The error for step {@code step}: which task, what TensorFlow said, the checkpoint kept and the
   * commands that continue (on the cluster again, or in one process).
   */
  public static String explain(ClusterFile cluster, TensorFlowException e, long step, Optional<Path> kept, String resume) {
    // TensorFlow's first line may be only "From /job:worker/replica:0/task:2:": keep the line after it too.
    String first = String.join(" ", String.valueOf(e.getMessage()).lines().map(String::trim).filter(l -> !l.isEmpty()).limit(2).toList());
    List<Integer> gone = new ArrayList<>();
    for (int t = 1; t < cluster.tasks(); t++) {
      if (!TaskProbe.answers(cluster.workers().get(t), 1000)) {
        gone.add(t);
      }
    }
    int named = cluster.taskNamedIn(String.valueOf(e.getMessage()));
    if (gone.isEmpty() && named > 0) {
      gone.add(named);
    }
    StringBuilder m = new StringBuilder();
    if (!gone.isEmpty()) {
      m.append("lost ");
      for (int i = 0; i < gone.size(); i++) {
        int t = gone.get(i);
        m.append(i == 0 ? "" : " and ").append("worker task ").append(t).append(" at ").append(cluster.workers().get(t));
      }
      m.append(" during step ").append(step);
    } else if (timedOut(e)) {
      m.append("step ").append(step).append(" took longer than step_timeout_seconds (").append(cluster.stepTimeout().toSeconds())
          .append(" s, ").append(cluster.file()).append("): a worker stopped answering (frozen or far too slow); every worker still accepts connections");
    } else {
      m.append("step ").append(step).append(" failed on the cluster of ").append(cluster.file());
    }
    m.append("\nTensorFlow: ").append(first);
    m.append("\n").append(kept.map(p -> "the last checkpoint, " + p + ", is kept").orElse("no checkpoint was written yet"));
    String restart = gone.isEmpty() ? "restart the workers" : "restart " + String.join(" and ",
        gone.stream().map(t -> "./hrvq worker --cluster " + cluster.file() + " --task " + t).toList());
    m.append("\ncontinue on the cluster: ").append(restart).append(", then ").append(resume).append(" ").append(cluster.flags());
    m.append("\nor in one process: ").append(resume);
    return m.toString();
  }

  /** TF Java 1.1.0 has no exception class for DEADLINE_EXCEEDED: it is told by its message. */
  static boolean timedOut(TensorFlowException e) {
    // Measured: a frozen worker's step ended with "Operation timed out." after RunOptions' timeout.
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("timed out") || message.contains("deadline_exceeded") || message.contains("deadline exceeded");
  }
}
