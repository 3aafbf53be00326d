package dev.hrvq.experiments.study;

import dev.hrvq.experiments.run.Progress;
import java.io.PrintStream;

/**
 * Progress over a whole sweep, one line per point: its number of N, its name, whether it is
 * skipped, and the time left, estimated from the points trained so far in this process (the
 * points still to train times their mean wall time).
 */
final class SweepProgress {
  private final String name;
  private final int total;
  private final PrintStream out;
  private int skipped;
  private int trained;
  private long trainedNanos;

  SweepProgress(String name, int total, PrintStream out) {
    this.name = name;
    this.total = total;
    this.out = out;
  }

  void starting(SweepRun run, boolean done) {
    int position = run.index() + 1;
    if (done) {
      skipped++;
      out.printf("== sweep %s: point %d/%d %s: finished earlier, skipped%n", name, position, total, run.id());
      return;
    }
    int left = total - run.index();
    String eta = trained == 0 ? "ETA after the first point" : "ETA " + Progress.duration(trainedNanos / trained * left / 1_000_000_000L);
    out.printf("== sweep %s: point %d/%d %s (%d trained, %d skipped; %s)%n", name, position, total, run.id(), trained, skipped, eta);
  }

  void trained(long nanos) {
    trained++;
    trainedNanos += nanos;
  }
}
