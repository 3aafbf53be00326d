package dev.hrvq.api.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;

/**
 * Outputs to fetch in one session run, each fetched once: TensorFlow rejects fetching an output
 * twice ("Name collision"), yet two names (a loss and one of its terms, two outputs of a program)
 * may be the same operand. {@code slot(i)} is where the i-th wanted output is in the result.
 */
public final class Fetches {
  private final List<Output<?>> distinct;
  private final int[] slots;

  private Fetches(List<Output<?>> distinct, int[] slots) {
    this.distinct = distinct;
    this.slots = slots;
  }

  /** The wanted outputs, in order, with duplicates (same op and output index) fetched once. */
  public static Fetches of(List<? extends Operand<?>> wanted) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<Output<?>> distinct = new ArrayList<>();
    int[] slots = new int[wanted.size()];
    for (int i = 0; i < wanted.size(); i++) {
      Output<?> o = wanted.get(i).asOutput();
      String key = o.op().name() + ":" + o.index();
      Integer at = seen.get(key);
      if (at == null) {
        at = distinct.size();
        seen.put(key, at);
        distinct.add(o);
      }
      slots[i] = at;
    }
    return new Fetches(List.copyOf(distinct), slots);
  }

  /** Adds every distinct output to {@code runner}, in order. */
  public Session.Runner addTo(Session.Runner runner) {
    distinct.forEach(runner::fetch);
    return runner;
  }

  /** Where the {@code i}-th wanted output sits in the run's result. */
  public int slot(int i) {
    return slots[i];
  }

  /** Every wanted output's slot, in order. */
  int[] slots() {
    return slots.clone();
  }
}
