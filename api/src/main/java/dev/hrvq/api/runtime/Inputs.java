package dev.hrvq.api.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The named input operands a loss or program is traced with, read by name and type. */
public record Inputs(Map<String, Operand<?>> values) {

  public Inputs {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  @SuppressWarnings("unchecked")
  public Operand<TFloat32> floats(String name) {
    return (Operand<TFloat32>) typed(name, TFloat32.class);
  }

  @SuppressWarnings("unchecked")
  public Operand<TInt64> longs(String name) {
    return (Operand<TInt64>) typed(name, TInt64.class);
  }

  private Operand<?> typed(String name, Class<?> type) {
    Operand<?> op = values.get(name);
    if (op == null) {
      throw new IllegalArgumentException("no input '" + name + "'; inputs are " + values.keySet());
    }
    if (op.type() != type) {
      throw new IllegalArgumentException("input '" + name + "' is " + op.type().getSimpleName() + ", read as " + type.getSimpleName());
    }
    return op;
  }
}
