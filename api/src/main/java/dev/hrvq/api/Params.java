package dev.hrvq.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.common.collect.ImmutableSortedMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * An immutable tree of named float operands, keyed by slash-separated paths such as
 * {@code enc/res0/conv1/kernel}, always sorted by path.
 *
 * <p>The same type carries trainable parameters, model state (e.g. EMA statistics), gradients,
 * optimizer slots and updates: anything that is "one tensor per parameter path".
 */
public record Params(SortedMap<String, Operand<TFloat32>> leaves) {

  private static final Params EMPTY = new Params(new TreeMap<>());

  public Params {
    for (String path : leaves.keySet()) {
      Paths.check(path);
    }
    // Guava's immutable sorted map: a real immutable copy (a null leaf is refused), sorted by path.
    leaves = ImmutableSortedMap.copyOf(leaves);
  }

  public static Params empty() {
    return EMPTY;
  }

  public static Params of(Map<String, ? extends Operand<TFloat32>> leaves) {
    return new Params(new TreeMap<>(leaves));
  }

  public static Params of(String path, Operand<TFloat32> leaf) {
    return of(Map.of(path, leaf));
  }

  /** The leaf at {@code path}; a missing path is an error naming the nearest existing paths. */
  public Operand<TFloat32> get(String path) {
    Operand<TFloat32> leaf = leaves.get(path);
    if (leaf == null) {
      throw new IllegalArgumentException(
          "no parameter at path '" + path + "'; nearest existing paths: " + nearest(path, 3));
    }
    return leaf;
  }

  public boolean contains(String path) {
    return leaves.containsKey(path);
  }

  public Set<String> paths() {
    return leaves.keySet();
  }

  public int size() {
    return leaves.size();
  }

  public boolean isEmpty() {
    return leaves.isEmpty();
  }

  /** The subtree under {@code prefix}, with the prefix removed: scope("enc") of enc/c1/kernel is c1/kernel. */
  public Params scope(String prefix) {
    String p = prefix + "/";
    TreeMap<String, Operand<TFloat32>> sub = new TreeMap<>();
    leaves.subMap(p, p + Character.MAX_VALUE).forEach((k, v) -> sub.put(k.substring(p.length()), v));
    return new Params(sub);
  }

  /** The same leaves, each path prefixed: prefixed("enc") of c1/kernel is enc/c1/kernel. */
  public Params prefixed(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    TreeMap<String, Operand<TFloat32>> out = new TreeMap<>();
    leaves.forEach((k, v) -> out.put(prefix + "/" + k, v));
    return new Params(out);
  }

  /** Applies {@code f(path, leaf)} to every leaf; the paths stay. */
  public Params map(BiFunction<String, Operand<TFloat32>, Operand<TFloat32>> f) {
    TreeMap<String, Operand<TFloat32>> out = new TreeMap<>();
    leaves.forEach((k, v) -> out.put(k, f.apply(k, v)));
    return new Params(out);
  }

  /** Combines two trees leaf by leaf; both must have exactly the same paths. */
  public Params zip(Params other, BiFunction<Operand<TFloat32>, Operand<TFloat32>, Operand<TFloat32>> f) {
    if (!paths().equals(other.paths())) {
      throw new IllegalArgumentException(
          "parameter trees differ: only in left " + difference(this, other) + ", only in right " + difference(other, this));
    }
    return map((k, v) -> f.apply(v, other.leaves.get(k)));
  }

  /** The union of two disjoint trees; a path present in both is an error naming it. */
  public Params merge(Params other) {
    TreeMap<String, Operand<TFloat32>> out = new TreeMap<>(leaves);
    for (Map.Entry<String, Operand<TFloat32>> e : other.leaves.entrySet()) {
      if (out.putIfAbsent(e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException("duplicate parameter path '" + e.getKey() + "' when merging parameter trees");
      }
    }
    return new Params(out);
  }

  /** This tree with some leaves replaced; every replaced path must already exist. */
  public Params replace(Params replacements) {
    TreeMap<String, Operand<TFloat32>> out = new TreeMap<>(leaves);
    for (String path : replacements.paths()) {
      get(path);
      out.put(path, replacements.leaves.get(path));
    }
    return new Params(out);
  }

  private static List<String> difference(Params a, Params b) {
    return a.paths().stream().filter(p -> !b.contains(p)).collect(Collectors.toList());
  }

  /** Up to {@code k} existing paths closest to {@code path} by edit distance. */
  List<String> nearest(String path, int k) {
    List<String> all = new ArrayList<>(leaves.keySet());
    all.sort(Comparator.comparingInt((String s) -> Paths.editDistance(s, path)).thenComparing(s -> s));
    return all.subList(0, Math.min(k, all.size()));
  }

  @Override
  public String toString() {
    return "Params" + leaves.keySet();
  }
}
