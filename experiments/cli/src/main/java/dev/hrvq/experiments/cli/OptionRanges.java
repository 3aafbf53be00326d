package dev.hrvq.experiments.cli;

import java.lang.reflect.Field;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks every {@link Range}-annotated option of the commands about to run (mixins included: picocli
 * lists their options with the command's) before any of them runs: a value out of range, or not
 * finite, is a usage error naming the option, the value and the range, like a config value's.
 */
final class OptionRanges {
  private OptionRanges() {}

  /** Throws picocli's ParameterException (exit 2, message and usage) for the first bad value. */
  static void check(CommandLine.ParseResult parsed) {
    for (CommandLine cmd : parsed.asCommandLineList()) {
      for (OptionSpec option : cmd.getCommandSpec().options()) {
        Range range = rangeOf(option);
        Object value = option.getValue();
        if (range == null || value == null) {
          continue;
        }
        double v = ((Number) value).doubleValue();
        if (!Double.isFinite(v) || v < range.min() || v > range.max()) {
          throw new CommandLine.ParameterException(cmd, option.longestName() + ": " + value + " is out of range; must be a finite number from "
              + shown(range.min()) + " to " + shown(range.max()));
        }
      }
    }
  }

  /** The {@link Range} on the field behind an option, or null (picocli keeps the annotated field as the option's user object). */
  static Range rangeOf(OptionSpec option) {
    return option.userObject() instanceof Field f ? f.getAnnotation(Range.class) : null;
  }

  static String shown(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
