package dev.hrvq.experiments.run;

import java.io.PrintStream;
import java.util.Map;

/**
 * Training progress: on a terminal one line redrawn in place (a bar, the step, every loss term,
 * steps per second and the time left); otherwise (logs, CI) one plain line per report.
 */
final class Progress {
  private final PrintStream out;
  private final long total;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private final long startStep;

  Progress(PrintStream out, long startStep, long total) {
    this.out = out;
    this.total = total;
    this.startStep = startStep;
    this.terminal = System.console() != null && out == System.out;
  }

  void report(long step, Map<String, Double> terms) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double rate = (step - startStep) / Math.max(seconds, 1e-9);
    long left = rate > 0 ? (long) ((total - step) / rate) : 0;
    StringBuilder s = new StringBuilder();
    if (terminal) {
      int width = 20;
      int filled = (int) (width * step / Math.max(total, 1));
      s.append('\r').append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
    }
    s.append(String.format("step %d/%d", step, total));
    terms.forEach((k, v) -> s.append(String.format(" %s=%.4g", k, v)));
    s.append(String.format(" | %.2f steps/s, ETA %s", rate, duration(left)));
    if (terminal) {
      out.print(s + "\u001b[K");
      out.flush();
    } else {
      out.println(s);
    }
  }

  /** Ends the redrawn line before other output. */
  void newline() {
    if (terminal) {
      out.println();
    }
  }

  static String duration(long seconds) {
    return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds / 60 % 60)
        : String.format("%dm%02ds", seconds / 60, seconds % 60);
  }
}
