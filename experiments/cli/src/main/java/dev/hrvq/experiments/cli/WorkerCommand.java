package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.cluster.ClusterFile;
import dev.hrvq.experiments.cluster.TaskProbe;
import dev.hrvq.experiments.cluster.TaskServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hrvq worker --cluster FILE --task N}: serves one task of a cluster (TensorFlow's gRPC
 * server; it needs no config or model: the chief sends the graph). It ends when the chief that
 * trained through it is gone, or when no chief answered within the idle timeout.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = "Serve task N of a cluster for ./hrvq run CONFIG --cluster FILE (the chief, task 0); ends when the chief is done.")
public final class WorkerCommand implements Callable<Integer> {
  /** How often a worker asks whether its chief is still there. */
  static final int PROBE_MILLIS = 2000;
  /** Exit code when no chief came within the idle timeout. */
  static final int NO_CHIEF = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--cluster", required = true, paramLabel = "FILE", description = "The cluster file: {\"workers\": [\"host:port\", ...]}, task 0 first.")
  Path cluster;

  // 0 passes the range so that the error can say what task 0 is.
  @Range(min = 0, max = 10_000)
  @Option(names = "--task", required = true, paramLabel = "N", description = "This worker's task: 1 .. (number of workers - 1); task 0 is the chief.")
  int task;

  @Option(names = "--allow-remote", description = "Accept addresses outside the loopback range (the servers are unauthenticated: firewall their ports).")
  boolean allowRemote;

  @Override
  public Integer call() throws InterruptedException {
    java.io.PrintStream out = Main.printStream(spec.commandLine().getOut());
    ClusterFile c = ClusterFile.read(cluster, allowRemote);
    if (task < 1 || task >= c.tasks()) {
      throw new IllegalArgumentException("--task " + task + " is not a worker of " + cluster + ": workers are tasks 1.." + (c.tasks() - 1)
          + (task == 0 ? "; task 0 is the chief: ./hrvq run CONFIG --cluster " + cluster : ""));
    }
    TaskServer.start(c, task);
    out.printf("worker task %d of %d listening on %s; waiting for the chief at %s (idle timeout %d s)%n", task, c.tasks(),
        c.workers().get(task), c.workers().get(0), c.idleTimeout().toSeconds());
    out.flush();
    long deadline = System.nanoTime() + c.idleTimeout().toNanos();
    boolean seen = false;
    while (true) {
      boolean answers = TaskProbe.answers(c.workers().get(0), PROBE_MILLIS);
      if (answers && !seen) {
        out.println("chief at " + c.workers().get(0) + " is up");
        out.flush();
        seen = true;
      } else if (!answers && seen) {
        out.println("chief at " + c.workers().get(0) + " is gone: worker task " + task + " is done");
        return 0;
      } else if (!answers && System.nanoTime() > deadline) {
        out.println("no chief answered at " + c.workers().get(0) + " within " + c.idleTimeout().toSeconds()
            + " s (idle_timeout_seconds of " + cluster + "): worker task " + task + " stops");
        return NO_CHIEF;
      }
      Thread.sleep(PROBE_MILLIS);
    }
  }
}
