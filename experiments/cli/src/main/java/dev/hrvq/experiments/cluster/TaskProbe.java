package dev.hrvq.experiments.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Whether a task's server is up: a TCP connection to its port. Not a TensorFlow run: a session's
 * master waits without any timeout for every task it knows to answer (measured here: a run with a
 * 2 s timeout on a session whose other task was down was still blocked a minute later), so a
 * probe through TensorFlow could never say "not there". A frozen server still accepts connections;
 * that case is the step timeout's.
 */
public final class TaskProbe {
  private TaskProbe() {}

  /** True when {@code address} ({@code host:port}) accepts a connection within {@code timeoutMillis}. */
  public static boolean answers(String address, int timeoutMillis) {
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(address.substring(colon + 1));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until every worker (tasks 1..) answers, printing who is awaited; after {@code limit} a
   * clear error naming the tasks that never came.
   */
  public static void awaitWorkers(ClusterFile cluster, Duration limit, PrintStream out) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    java.util.Set<Integer> missing = new java.util.TreeSet<>();
    for (int t = 1; t < cluster.tasks(); t++) {
      missing.add(t);
    }
    boolean told = false;
    while (true) {
      missing.removeIf(t -> answers(cluster.workers().get(t), 1000));
      if (missing.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        StringBuilder who = new StringBuilder();
        missing.forEach(t -> who.append(" task ").append(t).append(" at ").append(cluster.workers().get(t)).append(';'));
        throw new IllegalStateException("no answer within " + limit.toSeconds() + " s (idle_timeout_seconds of " + cluster.file() + ") from"
            + who + " start each with ./hrvq worker --cluster " + cluster.file() + " --task N, then run this again");
      }
      if (!told) {
        out.println("waiting for " + missing.size() + " worker(s): " + missing.stream().map(t -> "task " + t + " at " + cluster.workers().get(t)).toList());
        out.flush();
        told = true;
      }
      Thread.sleep(500);
    }
  }
}
