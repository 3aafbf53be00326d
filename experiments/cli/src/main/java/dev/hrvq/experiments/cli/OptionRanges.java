package dev.hrvq.experiments.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Checks every {@link Range}-annotated option of the commands about to run (and their mixins)
 * before any of them runs: a value out of range, or not finite, is a usage error naming the option,
 * the value and the range, like a config value's.
 */
final class OptionRanges {
  private OptionRanges() {}

  /** Throws picocli's ParameterException (exit 2, message and usage) for the first bad value. */
  static void check(CommandLine.ParseResult parsed) {
    for (CommandLine cmd : parsed.asCommandLineList()) {
      for (Object target : targets(cmd.getCommandSpec())) {
        for (Field f : target.getClass().getDeclaredFields()) {
          Range range = f.getAnnotation(Range.class);
          if (range == null) {
            continue;
          }
          Object value = read(f, target);
          if (value == null) {
            continue;
          }
          double v = ((Number) value).doubleValue();
          if (!Double.isFinite(v) || v < range.min() || v > range.max()) {
            throw new CommandLine.ParameterException(cmd, name(f) + ": " + value + " is out of range; must be a finite number from "
                + shown(range.min()) + " to " + shown(range.max()));
          }
        }
      }
    }
  }

  private static List<Object> targets(CommandSpec spec) {
    List<Object> out = new ArrayList<>();
    out.add(spec.userObject());
    spec.mixins().values().forEach(m -> out.add(m.userObject()));
    return out;
  }

  private static Object read(Field f, Object target) {
    try {
      f.setAccessible(true);
      return f.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read option field " + f, e);
    }
  }

  /** The option's longest name ({@code --temperature}). */
  static String name(Field f) {
    Option o = f.getAnnotation(Option.class);
    if (o == null) {
      return f.getName();
    }
    String longest = o.names()[0];
    for (String n : o.names()) {
      if (n.length() > longest.length()) {
        longest = n;
      }
    }
    return longest;
  }

  static String shown(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
