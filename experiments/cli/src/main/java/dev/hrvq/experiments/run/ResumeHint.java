package dev.hrvq.experiments.run;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The command that continues an interrupted run, printed after Ctrl-C: the one the user ran,
 * with every override it was given (a resume without them would be refused as a different
 * config), its words quoted for a POSIX shell where they need it.
 */
public final class ResumeHint {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:=,+@%-]+");

  private ResumeHint() {}

  /** {@code ./hrvq run CONFIG [--set O]... --out DIR --resume}. */
  public static String run(Object config, List<String> overrides, Object dir) {
    StringBuilder s = new StringBuilder("./hrvq run ").append(quote(config.toString()));
    overrides.forEach(o -> s.append(" --set ").append(quote(o)));
    return s.append(" --out ").append(quote(dir.toString())).append(" --resume").toString();
  }

  /** {@code ./hrvq sweep FILE --out FOLDER} with the sweep's command-line flags: finished points are skipped, this one resumes. */
  public static String sweep(Object file, Object folder, List<String> flags) {
    StringBuilder s = new StringBuilder("./hrvq sweep ").append(quote(file.toString())).append(" --out ").append(quote(folder.toString()));
    flags.forEach(f -> s.append(' ').append(f.startsWith("--") ? f : quote(f)));
    return s.toString();
  }

  /** {@code word} as one shell word: bare when it has only safe characters, else in single quotes. */
  public static String quote(String word) {
    return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
