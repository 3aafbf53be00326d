package dev.hrvq.api.runtime;

import dev.hrvq.api.Params;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What a loss sums over its batch's rows (code histograms, sums of the vectors assigned to each
 * code) and how new state and batch-wide terms follow from those sums. A loss's total and terms
 * are means over rows, which towers that each see some rows average exactly; a codebook's usage or
 * an EMA update is not such a mean, so it is written as a function of sums: the trainer adds the
 * sums of every tower (one tower: its own) and applies {@link Finish} once, on the whole batch's
 * totals.
 *
 * @param sums the per-batch sums, by path; each tower's have the same paths and shapes
 * @param finish new state and terms from the sums over the whole batch
 */
public record BatchSums(Params sums, Finish finish) {
  /** None: no sums, no state, no terms. */
  public static final BatchSums NONE = new BatchSums(Params.empty(), (tf, totals) -> Finished.NONE);

  public BatchSums {
    Objects.requireNonNull(sums, "sums");
    Objects.requireNonNull(finish, "finish");
  }

  /**
   * New state and terms from the sums of the whole batch (same paths as {@link #sums}). It may read
   * the totals and the model's variables, never other ops of the loss: with towers it is applied
   * once, to the totals of all of them, and each tower's ops run on that tower's device.
   */
  @FunctionalInterface
  public interface Finish {
    Finished apply(Ops tf, Params totals);
  }

  /** New values for model state, and scalar terms to log, computed from a batch's sums. */
  public record Finished(Params state, Map<String, Operand<TFloat32>> terms) {
    public static final Finished NONE = new Finished(Params.empty(), Map.of());

    public Finished {
      terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }
  }

  /** {@link #finish} applied to this batch's own sums: the single-tower case. */
  public Finished finishOwn(Ops tf) {
    return finish.apply(tf, sums);
  }

  /** The same sums and state under {@code scope/} (terms keep their names), as {@link Params#prefixed}. */
  public BatchSums prefixed(String scope) {
    Finish inner = finish;
    return new BatchSums(sums.prefixed(scope), (tf, totals) -> {
      Finished f = inner.apply(tf, totals.scope(scope));
      return new Finished(f.state().prefixed(scope), f.terms());
    });
  }

  /** Only the terms named as keys of {@code renames}, each under its new name; state unchanged. */
  public BatchSums keepTerms(Map<String, String> renames) {
    Finish inner = finish;
    return new BatchSums(sums, (tf, totals) -> {
      Finished f = inner.apply(tf, totals);
      Map<String, Operand<TFloat32>> kept = new LinkedHashMap<>();
      renames.forEach((from, to) -> {
        Operand<TFloat32> term = f.terms().get(from);
        if (term == null) {
          throw new IllegalArgumentException("no term '" + from + "' to keep; terms are " + f.terms().keySet());
        }
        kept.put(to, term);
      });
      return new Finished(f.state(), kept);
    });
  }

  /** Both sums (their paths must not overlap): state merged, terms of this one first. */
  public BatchSums merge(BatchSums other) {
    Params both = sums.merge(other.sums);
    Finish a = finish;
    Finish b = other.finish;
    Params mine = sums;
    return new BatchSums(both, (tf, totals) -> {
      Finished fa = a.apply(tf, only(totals, mine));
      Finished fb = b.apply(tf, only(totals, other.sums));
      Map<String, Operand<TFloat32>> terms = new LinkedHashMap<>(fa.terms());
      fb.terms().forEach((k, v) -> {
        if (terms.putIfAbsent(k, v) != null) {
          throw new IllegalArgumentException("two batch sums both name the term '" + k + "'");
        }
      });
      return new Finished(fa.state().merge(fb.state()), terms);
    });
  }

  private static Params only(Params totals, Params like) {
    Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
    like.paths().forEach(p -> out.put(p, totals.get(p)));
    return Params.of(out);
  }
}
