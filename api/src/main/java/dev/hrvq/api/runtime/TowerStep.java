package dev.hrvq.api.runtime;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * A training step's loss, terms, gradients and new state, traced once or as several towers.
 *
 * <p>With towers, each global batch is split by rows ({@code rows * t / T} to
 * {@code rows * (t+1) / T}); tower {@code t} traces the loss on its rows under the name scope
 * {@code tower_<t>/} (which {@link TowerPlacement} later places on its device), scales its
 * gradients and terms by its share of the rows, and the shares are added where the variables are.
 * Since a loss's total and terms are means over rows, the result is the whole batch's; batch sums
 * are added across towers and finished once (see {@link BatchSums}).
 *
 * @param terms the total under {@code loss}, then the loss's own terms, then the finished terms
 * @param grads the gradient of the total per parameter path
 * @param state new values of model state
 */
record TowerStep(Map<String, Operand<TFloat32>> terms, TreeMap<String, Operand<TFloat32>> grads, Params state) {

  /** The scope of tower {@code t}'s ops: every op named under it runs on that tower's device. */
  static String towerScope(int t) {
    return "tower_" + t;
  }

  /** The loss on the whole batch in one piece ({@code towers == 1}) or split across {@code towers}. */
  static TowerStep trace(Ops tf, Model model, Vars vars, Inputs inputs, int towers) {
    if (towers == 1) {
      return single(tf, model, vars, inputs);
    }
    Operand<TFloat32> rows = rows(tf, inputs);
    List<Map<String, Operand<TFloat32>>> termsByTower = new ArrayList<>();
    List<TreeMap<String, Operand<TFloat32>>> gradsByTower = new ArrayList<>();
    List<Params> sumsByTower = new ArrayList<>();
    BatchSums.Finish finish = null;
    for (int t = 0; t < towers; t++) {
      Ops tower = tf.withSubScope(towerScope(t));
      Map<String, Operand<?>> mine = new LinkedHashMap<>();
      Operand<TFloat32> share = slice(tf.withSubScope("split_" + t), rows, t, towers, inputs, mine);
      Loss loss = model.loss().apply(tower, vars, new Inputs(mine), Mode.TRAIN);
      if (!loss.state().isEmpty()) {
        throw new IllegalArgumentException("the loss returns new state " + loss.state().paths() + " directly; with several towers "
            + "each would see only its rows: compute it from batch sums (Loss.sums, see BatchSums) so that towers can add them");
      }
      Map<String, Operand<TFloat32>> weighted = new LinkedHashMap<>();
      weighted.put("loss", tower.math.mul(checkScalar(loss.total()), share));
      loss.terms().forEach((k, v) -> weighted.put(k, tower.math.mul(v, share)));
      termsByTower.add(weighted);
      TreeMap<String, Operand<TFloat32>> grads = gradients(tower, loss.total(), vars.params());
      grads.replaceAll((p, g) -> tower.math.mul(g, share));
      gradsByTower.add(grads);
      sumsByTower.add(loss.sums().sums());
      // Every tower traces the same model: its finish is the same function of the totals.
      finish = loss.sums().finish();
    }
    Map<String, Operand<TFloat32>> terms = new LinkedHashMap<>();
    for (String name : termsByTower.get(0).keySet()) {
      terms.put(name, tf.math.addN(termsByTower.stream().map(m -> m.get(name)).toList()));
    }
    TreeMap<String, Operand<TFloat32>> grads = new TreeMap<>();
    for (String path : gradsByTower.get(0).keySet()) {
      grads.put(path, tf.math.addN(gradsByTower.stream().map(m -> m.get(path)).toList()));
    }
    Map<String, Operand<TFloat32>> totals = new TreeMap<>();
    for (String path : sumsByTower.get(0).paths()) {
      totals.put(path, tf.math.addN(sumsByTower.stream().map(s -> s.get(path)).toList()));
    }
    BatchSums.Finished finished = finish.apply(tf, Params.of(totals));
    return withFinished(terms, grads, Params.empty(), finished);
  }

  private static TowerStep single(Ops tf, Model model, Vars vars, Inputs inputs) {
    Loss loss = model.loss().apply(tf, vars, inputs, Mode.TRAIN);
    Map<String, Operand<TFloat32>> terms = new LinkedHashMap<>();
    terms.put("loss", checkScalar(loss.total()));
    terms.putAll(loss.terms());
    return withFinished(terms, gradients(tf, loss.total(), vars.params()), loss.state(), loss.sums().finishOwn(tf));
  }

  private static TowerStep withFinished(Map<String, Operand<TFloat32>> terms, TreeMap<String, Operand<TFloat32>> grads, Params state,
      BatchSums.Finished finished) {
    finished.terms().forEach((k, v) -> {
      if (terms.putIfAbsent(k, v) != null) {
        throw new IllegalArgumentException("the loss and its batch sums both name the term '" + k + "'");
      }
    });
    return new TowerStep(terms, grads, state.merge(finished.state()));
  }

  private static Operand<TFloat32> checkScalar(Operand<TFloat32> total) {
    if (!total.shape().equals(Shape.scalar())) {
      throw new IllegalArgumentException("the loss must be a scalar, got shape " + total.shape());
    }
    return total;
  }

  /** The batch's row count as a float, from the first input (all inputs have as many rows). */
  private static Operand<TFloat32> rows(Ops tf, Inputs inputs) {
    Operand<?> first = inputs.values().values().iterator().next();
    Operand<TInt64> shape = tf.shape(first, TInt64.class);
    return tf.dtypes.cast(tf.gather(shape, tf.constant(0), tf.constant(0)), TFloat32.class);
  }

  /** Tower {@code t}'s rows of every input into {@code out}; returns its share of the rows. */
  private static Operand<TFloat32> slice(Ops tf, Operand<TFloat32> rows, int t, int towers, Inputs inputs, Map<String, Operand<?>> out) {
    // floor(rows * t / T), exact in float for any batch a step can hold.
    Operand<TFloat32> begin = tf.math.floor(tf.math.div(tf.math.mul(rows, tf.constant((float) t)), tf.constant((float) towers)));
    Operand<TFloat32> end = tf.math.floor(tf.math.div(tf.math.mul(rows, tf.constant((float) (t + 1))), tf.constant((float) towers)));
    Operand<TInt64> indices = tf.range(tf.dtypes.cast(begin, TInt64.class), tf.dtypes.cast(end, TInt64.class), tf.constant(1L));
    inputs.values().forEach((name, value) -> out.put(name, gatherRows(tf, value, indices)));
    return tf.math.div(tf.math.sub(end, begin), rows);
  }

  private static <T extends TType> Operand<T> gatherRows(Ops tf, Operand<T> value, Operand<TInt64> indices) {
    return tf.gather(value, indices, tf.constant(0));
  }

  /** d total / d parameter reads; a parameter the loss never reads is an error naming it. */
  private static TreeMap<String, Operand<TFloat32>> gradients(Ops tf, Operand<TFloat32> total, Params reads) {
    List<String> paths = new ArrayList<>(reads.paths());
    TreeMap<String, Operand<TFloat32>> grads = new TreeMap<>();
    if (paths.isEmpty()) {
      return grads;
    }
    Gradients g;
    try {
      g = tf.gradients(total, reads.leaves().values());
    } catch (TFInvalidArgumentException e) {
      reads.leaves().forEach((path, read) -> {
        if (e.getMessage().contains("'" + read.op().name() + "'")) {
          throw new IllegalArgumentException("parameter '" + path + "' does not affect the loss: remove it or use it", e);
        }
      });
      throw e;
    }
    for (int i = 0; i < paths.size(); i++) {
      Output<TFloat32> dy = g.dy(i);
      if (dy == null) {
        throw new IllegalArgumentException("parameter '" + paths.get(i) + "' does not affect the loss: remove it or use it");
      }
      grads.put(paths.get(i), dy);
    }
    return grads;
  }
}
