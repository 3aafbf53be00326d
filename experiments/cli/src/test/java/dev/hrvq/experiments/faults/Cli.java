package dev.hrvq.experiments.faults;

import dev.hrvq.experiments.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the real command line with its output captured. */
record Cli(int code, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** Both streams, for assertion messages. */
  String all() {
    return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
  }
}
