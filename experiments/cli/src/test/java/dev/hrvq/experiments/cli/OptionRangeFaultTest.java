package dev.hrvq.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Command-line numbers get the config's treatment: every numeric option of every command (found
 * through picocli's model, so a new option is covered) declares a {@link Range}, and values below
 * it, above it, not finite or too small to be a number are refused before the command does
 * anything, with exit code 2 and a message naming the option.
 */
class OptionRangeFaultTest {
  private static final Set<Class<?>> NUMERIC = Set.of(int.class, long.class, float.class, double.class,
      Integer.class, Long.class, Float.class, Double.class);

  record NumericOption(String command, String name, Range range, boolean integer) {}

  private static List<NumericOption> numericOptions() {
    List<NumericOption> out = new ArrayList<>();
    CommandLine root = new CommandLine(new Main());
    root.getSubcommands().forEach((name, sub) -> {
      CommandSpec spec = sub.getCommandSpec();
      for (OptionSpec o : spec.options()) {
        if (NUMERIC.contains(o.type())) {
          boolean integer = Set.of(int.class, long.class, Integer.class, Long.class).contains(o.type());
          out.add(new NumericOption(name, o.longestName(), OptionRanges.rangeOf(o), integer));
        }
      }
    });
    return out;
  }

  /** Every command and subcommand (data install, ...), however deep: --help, -h and -V exit 0 with usage/version. */
  @Test
  void everyCommandAndSubcommandHasHelpAndVersion() {
    List<List<String>> paths = new java.util.ArrayList<>();
    collect(new CommandLine(new Main()), new java.util.ArrayList<>(), paths);
    assertThat(paths).extracting(p -> String.join(" ", p)).contains("run", "sweep", "compare", "data install", "data list");
    for (List<String> path : paths) {
      String name = String.join(" ", path);
      for (String flag : new String[] {"--help", "-h"}) {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), args(path, flag));
        assertThat(code).as(name + " " + flag).isZero();
        assertThat(out.toString()).as(name + " " + flag).startsWith("Usage: hrvq " + name);
      }
      StringWriter version = new StringWriter();
      assertThat(Main.run(new PrintWriter(version, true), new PrintWriter(new StringWriter()), args(path, "-V"))).as(name + " -V").isZero();
      assertThat(version.toString()).as(name + " -V").startsWith("hrvq ");
    }
  }

  private static void collect(CommandLine command, List<String> prefix, List<List<String>> out) {
    command.getSubcommands().forEach((name, sub) -> {
      if (name.equals("help")) {
        return;
      }
      List<String> path = new java.util.ArrayList<>(prefix);
      path.add(name);
      out.add(path);
      collect(sub, path, out);
    });
  }

  private static String[] args(List<String> path, String flag) {
    String[] a = path.toArray(new String[path.size() + 1]);
    a[path.size()] = flag;
    return a;
  }

  @Test
  void everyNumericOptionDeclaresARange() {
    List<NumericOption> options = numericOptions();
    assertThat(options).extracting(NumericOption::name).contains("--n", "--temperature", "--images", "--seed");
    assertThat(options).allSatisfy(o -> assertThat(o.range()).as(o.command() + " " + o.name()).isNotNull());
  }

  @Test
  void valuesOutsideTheRangeAreRefusedNamingTheOption() {
    for (NumericOption o : numericOptions()) {
      Range range = o.range();
      List<String> bad = new ArrayList<>(List.of(OptionRanges.shown(range.min() - 1), "2000000000", "-849018880"));
      if (!o.integer()) {
        bad.addAll(List.of("NaN", "Infinity", "1e-42", "1e39"));
      }
      for (String value : bad) {
        boolean inRange = !value.equals("NaN") && Double.parseDouble(value) >= range.min() && Double.parseDouble(value) <= range.max();
        if (inRange) {
          continue;
        }
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), o.command(), "no-such-run-dir", o.name(), value);
        assertThat(code).as("%s %s %s: %s", o.command(), o.name(), value, err).isEqualTo(2);
        assertThat(err.toString()).as("%s %s %s", o.command(), o.name(), value).contains(o.name()).doesNotContain("Exception");
      }
    }
  }

  @Test
  void theTemperatureRangeIsTheConfigsRange() throws Exception {
    var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        dev.hrvq.experiments.config.ConfigLoader.class.getResourceAsStream("prior.schema.json"));
    var t = schema.at("/properties/sampling/properties/temperature");
    var n = schema.at("/properties/sampling/properties/samples");
    Range temperature = SampleCommand.class.getDeclaredField("temperature").getAnnotation(Range.class);
    Range samples = SampleCommand.class.getDeclaredField("n").getAnnotation(Range.class);
    assertThat(temperature.min()).isEqualTo(t.get("minimum").asDouble());
    assertThat(temperature.max()).isEqualTo(t.get("maximum").asDouble());
    assertThat(samples.min()).isEqualTo(n.get("minimum").asDouble());
    assertThat(samples.max()).isEqualTo(n.get("maximum").asDouble());
  }
}
