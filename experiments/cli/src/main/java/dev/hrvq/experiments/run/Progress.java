package dev.hrvq.experiments.run;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training progress. On a terminal, one line redrawn in place that fits its width: step, total
 * loss, reconstruction loss, steps per second and time left, with a bar when there is room;
 * otherwise (logs, CI) the same fields as one plain line per report. Every loss term goes to
 * {@code losses.jsonl} and the event files, not here: all of them take ~370 characters.
 */
public final class Progress {
  /** The terms shown, in order, when present: the total and the reconstruction loss. */
  static final List<String> SHOWN = List.of("loss", "recon");
  private static final int BAR = 20;

  private final PrintStream out;
  private final long total;
  private final boolean terminal;
  private final TerminalWidth width = new TerminalWidth();
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
    if (terminal) {
      // One column spare: writing the last column makes some terminals wrap before the \r.
      out.print("\r" + line(step, total, terms, rate, left, width.columns() - 1) + "\u001b[K");
      out.flush();
    } else {
      out.println(plainLine(step, total, terms, rate, left));
    }
  }

  /**
   * The report at most {@code columns} characters wide: the bar goes first, then the words
   * ("steps/s", "ETA"), then the recon term, then the rest is cut; step and loss stay longest.
   */
  static String line(long step, long total, Map<String, Double> terms, double rate, long secondsLeft, int columns) {
    String noBar = plainLine(step, total, terms, rate, secondsLeft);
    String full = bar(step, total) + " " + noBar;
    if (full.length() <= columns) {
      return full;
    }
    if (noBar.length() <= columns) {
      return noBar;
    }
    List<String> fields = fields(step, total, terms);
    String tight = String.join(" ", fields) + " " + String.format("%.2f/s", rate) + " " + duration(secondsLeft);
    if (tight.length() <= columns) {
      return tight;
    }
    String shortest = fields.get(0) + (fields.size() > 1 ? " " + fields.get(1) : "") + " " + duration(secondsLeft);
    return shortest.length() <= columns ? shortest : shortest.substring(0, Math.max(0, columns));
  }

  /** The line for a log file: every field, no bar (it says nothing there). */
  static String plainLine(long step, long total, Map<String, Double> terms, double rate, long secondsLeft) {
    return String.join("  ", fields(step, total, terms)) + "  " + String.format("%.2f steps/s", rate) + "  ETA " + duration(secondsLeft);
  }

  /** The step, then each {@link #SHOWN} term the step has. */
  private static List<String> fields(long step, long total, Map<String, Double> terms) {
    List<String> fields = new ArrayList<>();
    fields.add(String.format("step %d/%d", step, total));
    for (String name : SHOWN) {
      Double v = terms.get(name);
      if (v != null) {
        fields.add(String.format("%s %.4g", name, v));
      }
    }
    return fields;
  }

  private static String bar(long step, long total) {
    int filled = (int) Math.min(BAR, BAR * step / Math.max(total, 1));
    return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
  }

  /** Ends the redrawn line before other output. */
  void newline() {
    if (terminal) {
      out.println();
    }
  }

  /** A time left as {@code 4m05s} or {@code 2h10m}. */
  public static String duration(long seconds) {
    return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, seconds / 60 % 60)
        : String.format("%dm%02ds", seconds / 60, seconds % 60);
  }
}
